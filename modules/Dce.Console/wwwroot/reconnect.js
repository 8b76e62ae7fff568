// Starts Blazor so that a lost connection never needs a click. Blazor first tries to rejoin its circuit; when the
// replica that held the circuit is gone, the surviving one refuses it and Blazor reloads the page at the same address,
// whose query holds the page's state, and the session cookie (valid on every replica) keeps the user signed in. Retries
// go on every half second, then every two, instead of giving up after Blazor's default thirty.
(function () {
    Blazor.start({
        circuit: {
            reconnectionOptions: {
                dialogId: "components-reconnect-modal",
                maxRetries: 1000,
                retryIntervalMilliseconds: function (attempt) { return attempt < 20 ? 500 : 2000; }
            }
        }
    });
})();
