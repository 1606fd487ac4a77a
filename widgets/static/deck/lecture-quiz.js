// Lecture mode of a quiz (widgets.quiz.lecture): reveal on the lecturer's click or key R; nothing stored.
// A question that reads a simulated study shows its figure: drawn in place (the book), or drawn from a plotly
// output of the same cell tagged layout.meta.mmn_lq (Voila, JupyterLab): the script hides that output and draws
// the figure again in the question's place with the page's plotly.js, which the output's renderer loaded (if
// there is none, the output's own plot is moved there). With a class poll (CLASSPOLL_URL), the frame shows the
// poll of the question on screen; P or the button hides and shows it.
(function () {
  function resize(gd) {
    window.requestAnimationFrame(function () {
      if (!gd.offsetParent) return;
      if (window.Plotly && window.Plotly.Plots && gd.classList.contains('js-plotly-plot')) {
        window.Plotly.Plots.resize(gd);
      } else {
        window.dispatchEvent(new Event('resize'));
      }
    });
  }
  function figureFor(id) {
    var plots = document.querySelectorAll('.js-plotly-plot');
    for (var i = 0; i < plots.length; i++) {
      var meta = plots[i].layout && plots[i].layout.meta;
      if (meta && meta.mmn_lq === id && !plots[i].closest('.mmn-lq__plot')) return plots[i];
    }
    return document.getElementById(id + '-fig');
  }
  function copyInto(slot, gd) {
    var layout = JSON.parse(JSON.stringify(gd.layout));
    var div = document.createElement('div');
    div.className = 'mmn-lq__figure';
    div.style.height = (layout.height || 380) + 'px';  // plotly's resize sizes the plot to its box
    slot.appendChild(div);
    window.Plotly.newPlot(div, JSON.parse(JSON.stringify(gd.data)), layout,
      { responsive: true, displaylogo: false, displayModeBar: false });
    return div;
  }
  document.querySelectorAll('.mmn-lecture-quiz:not([data-mmn-lq-ready])').forEach(function (quiz) {
    quiz.setAttribute('data-mmn-lq-ready', '1');
    var questions = Array.prototype.slice.call(quiz.querySelectorAll('.mmn-lq__question'));
    var reveal = quiz.querySelector('.mmn-lq__reveal');
    var prev = quiz.querySelector('.mmn-lq__prev');
    var next = quiz.querySelector('.mmn-lq__next');
    var poll = quiz.querySelector('.mmn-lq__poll');
    var pollFrame = quiz.querySelector('.mmn-lq__poll-frame');
    var pollToggle = quiz.querySelector('.mmn-lq__poll-toggle');
    var current = 0;
    // Figures: adopt each tagged plotly output into its question's place as soon as it is drawn.
    function adopt() {
      var waiting = 0;
      quiz.querySelectorAll('.mmn-lq__plot[data-mmn-lq-plot]').forEach(function (slot) {
        if (slot.querySelector('.js-plotly-plot, .plotly-graph-div, .mmn-lq__figure')) return;
        var gd = figureFor(slot.getAttribute('data-mmn-lq-plot'));
        if (!gd) { waiting += 1; return; }
        var home = gd.closest('.jp-OutputArea-child, .output_area');
        var shown = window.Plotly && window.Plotly.newPlot && gd.data && gd.layout ? copyInto(slot, gd) : gd;
        if (shown === gd) slot.appendChild(gd);
        if (home && !home.contains(slot)) home.hidden = true;
        resize(shown);
      });
      return waiting;
    }
    if (adopt() > 0 && window.MutationObserver) {
      var watcher = new MutationObserver(function () {
        if (!document.body.contains(quiz) || adopt() === 0) watcher.disconnect();
      });
      watcher.observe(document.body, { childList: true, subtree: true });
    }
    function showPoll() {
      if (!pollFrame) return;
      var src = questions[current].getAttribute('data-poll-src');
      if (src && pollFrame.getAttribute('src') !== src) pollFrame.setAttribute('src', src);
    }
    function show(i) {
      current = Math.max(0, Math.min(questions.length - 1, i));
      questions.forEach(function (q, k) { q.hidden = k !== current; });
      questions[current].querySelectorAll('.js-plotly-plot').forEach(resize);
      showPoll();
      sync();
    }
    function sync() {
      var q = questions[current];
      var open = q.classList.contains('mmn-lq__revealed');
      reveal.textContent = open ? 'Hide the answer (R)' : 'Reveal the answer (R)';
      reveal.setAttribute('aria-expanded', open ? 'true' : 'false');
      prev.disabled = current === 0;
      next.disabled = current === questions.length - 1;
      quiz.setAttribute('data-current', String(current));
    }
    function toggle() {
      var q = questions[current];
      var open = !q.classList.contains('mmn-lq__revealed');
      q.classList.toggle('mmn-lq__revealed', open);
      q.querySelectorAll('.mmn-lq__mark, .mmn-lq__explanation, .mmn-lq__after').forEach(function (el) { el.hidden = !open; });
      sync();
    }
    function togglePoll() {
      if (!pollToggle) return;
      var open = poll.hidden;
      poll.hidden = !open;
      pollToggle.textContent = open ? 'Hide the class poll (P)' : 'Show the class poll (P)';
      pollToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
    reveal.addEventListener('click', toggle);
    prev.addEventListener('click', function () { show(current - 1); });
    next.addEventListener('click', function () { show(current + 1); });
    if (pollToggle) pollToggle.addEventListener('click', togglePoll);
    window.mmnDeckStep = function (step) {
      if (!document.body.contains(quiz)) return false;
      var to = current + step;
      if (to < 0 || to >= questions.length) return false;
      show(to);
      return true;
    };
    document.addEventListener('keydown', function (e) {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || !document.body.contains(quiz)) return;
      var t = e.target;
      if (t && t.closest && t.closest('input, select, textarea, [contenteditable="true"]')) return;
      if (e.key === 'r' || e.key === 'R') { toggle(); e.preventDefault(); }
      if ((e.key === 'p' || e.key === 'P') && pollToggle) { togglePoll(); e.preventDefault(); }
    });
    show(0);
  });
})();
