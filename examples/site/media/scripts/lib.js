/*
 * A tiny helper library, joined in front of app.js.
 */
(function (global) {
  'use strict';

  function greeting(name) {
    var words = ['Hello', name].filter(function (word) {
      return word && word.length > 0;
    });
    return words.join(', ') + '!';
  }

  function ready(callback) {
    if (document.readyState !== 'loading') {
      callback();
    } else {
      document.addEventListener('DOMContentLoaded', callback);
    }
  }

  global.MediaDemo = { greeting: greeting, ready: ready };
})(window)
