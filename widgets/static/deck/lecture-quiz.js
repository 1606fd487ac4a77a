// Lecture mode of a quiz (widgets.quiz.lecture): reveal on the lecturer's click or key R; nothing stored.
(function () {
  document.querySelectorAll('.mmn-lecture-quiz:not([data-mmn-lq-ready])').forEach(function (quiz) {
    quiz.setAttribute('data-mmn-lq-ready', '1');
    var questions = Array.prototype.slice.call(quiz.querySelectorAll('.mmn-lq__question'));
    var reveal = quiz.querySelector('.mmn-lq__reveal');
    var prev = quiz.querySelector('.mmn-lq__prev');
    var next = quiz.querySelector('.mmn-lq__next');
    var current = 0;
    function show(i) {
      current = Math.max(0, Math.min(questions.length - 1, i));
      questions.forEach(function (q, k) { q.hidden = k !== current; });
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
    reveal.addEventListener('click', toggle);
    prev.addEventListener('click', function () { show(current - 1); });
    next.addEventListener('click', function () { show(current + 1); });
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
    });
    show(0);
  });
})();
