// The nerve conduction model in the browser, kept in parts (one per thing modelled, each registering a factory on
// MMNConductionParts; simulate.js wires them together). widgets.assets.bundle joins the parts named below, in this
// order, into the one script a page loads (conduction-model.js): one request per page, and it loads from file://.
// @parts format.js people.js arrivals.js measure.js criteria.js describe.js study.js checklist.js simulate.js
