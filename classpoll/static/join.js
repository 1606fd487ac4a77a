"use strict";
document.getElementById("join").addEventListener("submit", function (ev) {
  ev.preventDefault();
  const code = document.getElementById("code").value.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,12}$/.test(code)) {
    document.getElementById("msg").textContent = "Type the letters and digits shown on the lecturer's screen.";
    return;
  }
  window.location.href = "j/" + code;
});
