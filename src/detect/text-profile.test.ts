import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANY_CHAR, CHAR, TOKEN_CHARS, profileOf } from './text-profile.js';

describe('profileOf', () => {
  it('is empty for the empty string', () => {
    assert.equal(profileOf(''), 0);
  });

  it('sets one bit per character kind', () => {
    assert.equal(profileOf('orderId_2'), CHAR.letter | CHAR.digit | CHAR.underscore);
    assert.equal(profileOf("a' OR 1=1--"), CHAR.letter | CHAR.singleQuote | CHAR.space | CHAR.digit | CHAR.equals | CHAR.dash);
    assert.equal(profileOf('\r\n'), CHAR.newline);
    assert.equal(profileOf('\u0000\u007f'), CHAR.control);
    assert.equal(profileOf('é＜'), CHAR.nonAscii);
    assert.equal(profileOf('@,+?~^'), CHAR.other);
  });

  it('gives every ASCII character a bit', () => {
    for (let code = 0; code < 128; code++) assert.notEqual(profileOf(String.fromCharCode(code)), 0, `code ${code}`);
  });

  it('keeps every bit inside ANY_CHAR and tokens inside TOKEN_CHARS', () => {
    for (const bit of Object.values(CHAR)) assert.equal(bit & ANY_CHAR, bit);
    assert.equal(profileOf('3f2c5a4e-8a1b.v2_x') & ~TOKEN_CHARS, 0);
  });
});
