// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
    // Copy buttons: <button data-copy="#id">.
    for (const button of document.querySelectorAll("button[data-copy]")) {
        button.addEventListener("click", () => {
            const target = document.querySelector(button.dataset.copy);
            if (target && navigator.clipboard) {
                navigator.clipboard.writeText(target.textContent.trim());
                button.textContent = "Copied";
            }
        });
    }
    // Confirmations: <form data-confirm="Really delete?">.
    for (const form of document.querySelectorAll("form[data-confirm]")) {
        form.addEventListener("submit", (event) => {
            if (!window.confirm(form.dataset.confirm)) {
                event.preventDefault();
            }
        });
    }
});
// Issue lists: the bulk "Delete" button asks first.
document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll("form.bulk-actions button[value='delete'], form.issue-actions button[value='delete']")) {
        button.addEventListener("click", (event) => {
            if (!window.confirm("Delete the issue(s) and all their events?")) {
                event.preventDefault();
            }
        });
    }
});
