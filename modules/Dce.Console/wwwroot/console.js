// Keeps the user where they were when the connection to the console is lost: Blazor retries, and when the server no
// longer knows the page (a replica restarted), the page reloads at the same address, whose query holds its state.
(function () {
    window.dceConsole = {
        download: function (name, contentType, text) {
            var link = document.createElement("a");
            link.href = URL.createObjectURL(new Blob([text], { type: contentType }));
            link.download = name;
            document.body.appendChild(link);
            link.click();
            link.remove();
        },
        scrollToEnd: function (element) {
            if (element) { element.scrollTop = element.scrollHeight; }
        }
    };
})();
