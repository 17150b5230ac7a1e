import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDigitGroups } from './digit-groups.js';

describe('readDigitGroups', () => {
  test('reads plain digits as one group', () => {
    assert.deepEqual(readDigitGroups('4242424242424242'), { digits: '4242424242424242', groups: [16] });
  });

  test('reads groups separated by one consistent space or dash', () => {
    assert.deepEqual(readDigitGroups('123-45-6789'), { digits: '123456789', groups: [3, 2, 4] });
    assert.deepEqual(readDigitGroups('3782 822463 10005'), { digits: '378282246310005', groups: [4, 6, 5] });
  });

  test('rejects mixed separators, empty groups, other characters and too many groups', () => {
    for (const value of ['123-45 6789', '123--45', '-123', '123-', '12a-34', '1.2.3', '1 2 3 4 5 6 7']) {
      assert.equal(readDigitGroups(value), undefined, value);
    }
    assert.equal(readDigitGroups('1 2 3', 2), undefined);
  });
});
