/* Needle EMG in the book with no kernel: the screen, its sound and the "sample the patient" exercise.
 *
 * Finds every .mmn-emg-kf (screen) and .mmn-emg-kf-sample (exercise) element written by widgets.emg.static,
 * reads window.MMN_EMG_TABLE and computes with window.MMNEmg (emg-model.js). Native controls (select,
 * radio buttons, a toggle button) act on change, never on focus. Sound is off by default: the AudioContext
 * is created only when the reader presses the sound button, and a caption always says what is heard.
 */
(function () {
  "use strict";
  if (window.MMNEmgView) return;
  // The table (0.7 MB of units and discharges) sits beside this script and loads when the reader comes near an
  // EMG view (or touches it), not with the page: a phone reading the chapter pays for it only if it is used
  // (lazy-table.js, shared with the conduction explorer; fetched from beside this script if the page lacks it).
  var SELF = document.currentScript && document.currentScript.src;
  var TABLE_URL = SELF ? SELF.replace(/emg-view\.js(\?.*)?$/, "emg-table.js$1") : null;
  var LAZY_URL = SELF ? SELF.replace(/emg-view\.js(\?.*)?$/, "lazy-table.js") : null;

  var audio = { ctx: null, source: null, owner: null };

  function stopSound() {
    if (audio.source) { try { audio.source.stop(); } catch { /* already stopped */ } }
    audio.source = null;
  }

  function playSound(T, samples) {
    if (!audio.ctx) {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return false;
      try { audio.ctx = new Ctx({ sampleRate: T.reference.audio_rate_hz }); } catch { audio.ctx = new Ctx(); }
      window.MMNEmgView.audioContexts = (window.MMNEmgView.audioContexts || 0) + 1;
    }
    stopSound();
    var ctx = audio.ctx, buf = ctx.createBuffer(1, samples.length, T.reference.audio_rate_hz);
    buf.getChannelData(0).set(samples);
    var src = ctx.createBufferSource();
    src.buffer = buf;
    src.loop = true; // the screen repeats, as an EMG loudspeaker plays on: one buffer, no gaps
    src.connect(ctx.destination);
    if (ctx.state === "suspended" && ctx.resume) ctx.resume();
    src.start();
    audio.source = src;
    return true;
  }

  function el(root, sel) { return root.querySelector(sel); }

  function initScreen(root, T, M) {
    var select = el(root, ".mmn-emg-kf__screen"), sweep = el(root, ".mmn-emg-kf__sweep");
    var gain = el(root, ".mmn-emg-kf__gain"), sound = el(root, ".mmn-emg-kf__sound");
    var plot = el(root, ".mmn-emg-kf__plot"), findings = el(root, ".mmn-emg-kf__findings");
    var capt = el(root, ".mmn-emg-kf__caption"), base = T.figure;
    var current = null;

    function phase() {
      var r = root.querySelector(".mmn-emg-kf__phase input:checked");
      return r ? r.value : "insertion";
    }

    function draw(resetScale) {
      var parts = select.value.split("/"), scr = M.findScreen(T, parts[0], parts[1]), ph = phase();
      if (resetScale) { sweep.value = String(T.sweep_default[ph]); gain.value = String(T.gain_default[ph]); }
      var rec = M.recording(T, scr, ph), signal = M.withNoise(T, rec);
      var L = M.layers(T, rec, signal, Number(sweep.value), Number(gain.value));
      var data = JSON.parse(JSON.stringify(base.data));
      data[0].y = L.y; data[0].x0 = 0; data[0].dx = L.dx;
      data[1].x = L.mup_x; data[1].y = L.mup_y;
      var layout = JSON.parse(JSON.stringify(base.layout));
      layout.xaxis.range = L.x_range; layout.xaxis.dtick = L.x_range[1] / 10;
      layout.yaxis.range = L.y_range; layout.yaxis.dtick = L.y_range[1] / 4;
      layout.annotations = L.mup_y.length ? [{ x: 1, y: 1, xref: "paper", yref: "paper", xanchor: "right",
        yanchor: "bottom", showarrow: false, text: "MUP (dashed, 40 ms)", font: { size: 12 } }] : [];
      var text = M.findingsText(T, rec);
      findings.textContent = L.sweep + " ms/div, " + L.gain + " µV/div. " + text;
      capt.textContent = M.caption(T, rec);
      plot.setAttribute("aria-label", "EMG screen. " + text);
      current = { rec: rec, signal: signal };
      root.setAttribute("data-emg-screen", select.value + "/" + ph + "/" + L.sweep + "/" + L.gain);
      if (window.Plotly) {
        window.Plotly.react(plot, data, layout, { displaylogo: false, responsive: true, displayModeBar: false });
      }
      if (audio.owner === root && sound.getAttribute("aria-pressed") === "true") {
        playSound(T, M.audioSamples(T, signal, rec.fs_hz));
      }
    }

    select.addEventListener("change", function () { draw(false); });
    root.querySelectorAll(".mmn-emg-kf__phase input").forEach(function (r) {
      r.addEventListener("change", function () { draw(true); });
    });
    sweep.addEventListener("change", function () { draw(false); });
    gain.addEventListener("change", function () { draw(false); });
    sound.addEventListener("click", function () {
      var on = sound.getAttribute("aria-pressed") !== "true";
      if (on) {
        if (audio.owner && audio.owner !== root) {
          var other = audio.owner.querySelector(".mmn-emg-kf__sound");
          other.setAttribute("aria-pressed", "false");
          other.textContent = other.getAttribute("data-off");
        }
        audio.owner = root;
        on = playSound(T, M.audioSamples(T, current.signal, current.rec.fs_hz));
      } else {
        stopSound();
      }
      sound.setAttribute("aria-pressed", on ? "true" : "false");
      sound.textContent = sound.getAttribute(on ? "data-on" : "data-off");
    });
    var controls = el(root, ".mmn-emg-kf__controls");
    if (controls) controls.hidden = false;
    plot.hidden = false;
    draw(false);
    root.setAttribute("data-emg-ready", "");
  }

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function resultHtml(T, M, preset, chosen) {
    var r = M.regions(T, preset, chosen), rows = [];
    r.regions.forEach(function (v) {
      v.sampled.forEach(function (m) {
        var mu = T.muscles[m], f = T.findings[preset][m];
        rows.push("<tr><th scope=\"row\">" + esc(mu.label) + "</th><td>" + v.region + "</td><td>" + esc(mu.nerve) +
                  ", " + mu.roots.join("/") + "</td><td>" + esc(M.summary(T, f)) + "</td><td>" +
                  (r.lmn[m] ? "yes" : "no") + "</td></tr>");
      });
    });
    var items = r.regions.map(function (v) {
      return "<li><b>" + v.region + "</b>: " + (v.positive ? "LMN signs" : "no LMN signs") + " (" + esc(v.reason) + ")</li>";
    }).join("");
    return "<div class=\"mmn-emg-kf-sample__table\" tabindex=\"0\" role=\"region\" " +
      "aria-label=\"Findings per muscle (scrolls sideways)\" style=\"overflow-x:auto;max-width:100%\">" +
      "<table tabindex=\"0\"><caption>Needle EMG, " + esc(T.presets[preset].title) + ": findings per muscle</caption>" +
      "<thead><tr><th scope=\"col\">Muscle</th><th scope=\"col\">Region</th><th scope=\"col\">Nerve, roots</th>" +
      "<th scope=\"col\">Findings</th><th scope=\"col\">LMN signs</th></tr></thead><tbody>" + rows.join("") +
      "</tbody></table></div><ul>" + items + "</ul><p class=\"mmn-emg-kf-sample__verdict\">" + esc(r.text) + "</p>";
  }

  function initSample(root, T, M) {
    var select = el(root, ".mmn-emg-kf-sample__preset"), button = el(root, ".mmn-emg-kf-sample__read");
    var out = el(root, ".mmn-emg-kf-sample__result");
    button.addEventListener("click", function () {
      var chosen = Array.prototype.map.call(root.querySelectorAll("input[type=checkbox]:checked"),
                                            function (b) { return b.value; });
      out.innerHTML = chosen.length ? resultHtml(T, M, select.value, chosen) : "<p>Choose at least one muscle.</p>";
    });
    select.addEventListener("change", function () { out.innerHTML = ""; });
    var form = el(root, ".mmn-emg-kf-sample__form"), nojs = el(root, ".mmn-emg-kf-sample__nojs");
    if (form) form.hidden = false;
    if (nojs) nojs.hidden = true;
    root.setAttribute("data-emg-ready", "");
  }

  function whenNear() {
    var near = function () { window.MMNLazyTable.whenNear(".mmn-emg-kf, .mmn-emg-kf-sample", TABLE_URL, init); };
    if (window.MMNLazyTable) { near(); return; }
    if (!LAZY_URL || !document.querySelector(".mmn-emg-kf, .mmn-emg-kf-sample")) return;
    var script = document.createElement("script");
    script.src = LAZY_URL;
    script.onload = near;
    document.head.appendChild(script);
  }

  function init() {
    var T = window.MMN_EMG_TABLE, M = window.MMNEmg;
    if (!M) return;
    if (!T) { whenNear(); return; }
    document.querySelectorAll(".mmn-emg-kf:not([data-emg-ready])").forEach(function (r) { initScreen(r, T, M); });
    document.querySelectorAll(".mmn-emg-kf-sample:not([data-emg-ready])").forEach(function (r) { initSample(r, T, M); });
  }

  window.MMNEmgView = { init: init, resultHtml: resultHtml, audioContexts: 0, stopSound: stopSound };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
