// Event handler attribute names (without their `on`): the HTML Living Standard's global, window and
// document handlers, SVG animation and media events, and the legacy or vendor ones that XSS payload
// lists still use because some browser fires them (onbeforescriptexecute, onwebkitanimationend, IE's
// onpropertychange). A name outside the list counts only with code in its value (see markup.ts); the
// shape of a handler name is names.ts's isHandlerName.

const EVENTS = [
  'abort', 'activate', 'afterprint', 'afterscriptexecute', 'afterupdate', 'animationcancel', 'animationend',
  'animationiteration', 'animationstart', 'auxclick', 'beforeactivate', 'beforecopy', 'beforecut',
  'beforedeactivate', 'beforeeditfocus', 'beforeinput', 'beforematch', 'beforepaste', 'beforeprint',
  'beforescriptexecute', 'beforetoggle', 'beforeunload', 'beforeupdate', 'begin', 'blur', 'bounce', 'cancel',
  'canplay', 'canplaythrough', 'cellchange', 'change', 'click', 'close', 'command', 'contentvisibilityautostatechange',
  'contextlost', 'contextmenu', 'contextrestored', 'controlselect', 'copy', 'cuechange', 'cut', 'dataavailable',
  'datasetchanged', 'datasetcomplete', 'dblclick', 'deactivate', 'drag', 'dragdrop', 'dragend', 'dragenter', 'dragexit',
  'dragleave', 'dragover', 'dragstart', 'drop', 'durationchange', 'emptied', 'encrypted', 'end', 'ended', 'error',
  'errorupdate', 'filterchange', 'finish', 'focus', 'focusin', 'focusout', 'formdata', 'fullscreenchange',
  'fullscreenerror', 'gotpointercapture', 'hashchange', 'help', 'input', 'invalid', 'keydown', 'keypress', 'keyup',
  'languagechange', 'layoutcomplete', 'load', 'loadeddata', 'loadedmetadata', 'loadend', 'loadstart', 'losecapture',
  'lostpointercapture', 'message', 'messageerror', 'mousedown', 'mouseenter', 'mouseleave', 'mousemove', 'mouseout',
  'mouseover', 'mouseup', 'mousewheel', 'move', 'moveend', 'movestart', 'mozfullscreenchange', 'offline', 'online',
  'pagehide', 'pagereveal', 'pageshow', 'pageswap', 'paste', 'pause', 'play', 'playing', 'pointercancel', 'pointerdown',
  'pointerenter', 'pointerleave', 'pointerlockchange', 'pointerlockerror', 'pointermove', 'pointerout', 'pointerover',
  'pointerrawupdate', 'pointerup', 'popstate', 'progress', 'propertychange', 'ratechange', 'readystatechange',
  'rejectionhandled', 'repeat', 'reset', 'resize', 'rowenter', 'rowexit', 'rowsdelete', 'rowsinserted', 'scroll',
  'scrollend', 'scrollsnapchange', 'scrollsnapchanging', 'search', 'securitypolicyviolation', 'seeked', 'seeking',
  'select', 'selectionchange', 'selectstart', 'show', 'slotchange', 'stalled', 'start', 'storage', 'submit', 'suspend',
  'timeupdate', 'toggle', 'touchcancel', 'touchend', 'touchmove', 'touchstart', 'transitioncancel', 'transitionend',
  'transitionrun', 'transitionstart', 'unhandledrejection', 'unload', 'visibilitychange', 'volumechange', 'waiting',
  'waitingforkey', 'webkitanimationend', 'webkitanimationiteration', 'webkitanimationstart',
  'webkitmouseforcechanged', 'webkitmouseforcedown', 'webkitmouseforceup', 'webkitmouseforcewillbegin',
  'webkitplaybacktargetavailabilitychanged', 'webkittransitionend', 'webkitwillrevealbottom', 'wheel', 'zoom',
];

const EVENT_NAMES: ReadonlySet<string> = new Set(EVENTS);

/** Whether a lowercased attribute name is `on` + a known event. */
export function isKnownEventAttribute(name: string): boolean {
  return name.length > 4 && name.charCodeAt(0) === 111 && name.charCodeAt(1) === 110 && EVENT_NAMES.has(name.slice(2));
}
