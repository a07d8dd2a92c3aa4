// Passkeys (WebAuthn): the one feature that cannot work without script. Forms marked data-passkey="create"
// (account page) or "get" (login page) stay hidden unless the browser can use passkeys. On submit: fetch the
// server's options (a POST carrying the form's antiforgery token), let the browser make or use the passkey,
// then post the resulting credential as JSON in the form's credentialJson field, as an ordinary form post.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
    const supported = window.PublicKeyCredential
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function"
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";
    if (!supported) {
        return;
    }
    for (const note of document.querySelectorAll("[data-passkey-unsupported]")) {
        note.hidden = true;
    }
    for (const form of document.querySelectorAll("form[data-passkey]")) {
        form.hidden = false;
        form.addEventListener("submit", async (event) => {
            if (form.elements.credentialJson.value) {
                return;
            }
            event.preventDefault();
            const error = form.querySelector("[data-passkey-error]");
            error.hidden = true;
            try {
                const token = form.elements.__RequestVerificationToken.value;
                const answer = await fetch(form.dataset.passkeyOptions, {
                    method: "POST",
                    headers: { "RequestVerificationToken": token },
                    credentials: "same-origin",
                });
                if (!answer.ok) {
                    throw new Error("The server refused (" + answer.status + "); reload the page and try again.");
                }
                const options = await answer.json();
                const credential = form.dataset.passkey === "create"
                    ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
                    : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
                form.elements.credentialJson.value = JSON.stringify(credential);
                form.submit();
            } catch (failure) {
                // NotAllowedError: the person cancelled, or no passkey of this site is on the device.
                error.textContent = failure.name === "NotAllowedError"
                    ? "No passkey was used (cancelled, or none for this site on this device)."
                    : failure.message;
                error.hidden = false;
            }
        });
    }
});
