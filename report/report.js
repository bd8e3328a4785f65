/* report.js: sortable, filterable tables and a searchable concordance for rhetor's report page. */
(function () {
	'use strict';

	/* Rows put in the page at once; more on request. */
	var TABLE_STEP = 100, KWIC_STEP = 500;

	var data = JSON.parse(document.getElementById('rh-data').textContent);

	/* Every string from the data reaches the page through textContent, never as markup. */
	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined && text !== null) e.textContent = text;
		return e;
	}

	function fmt(n) { return Number(n).toLocaleString('en-US'); }

	/* A table cell as a number: plain decimals, %.10g, Inf, -Inf; NaN for NA and text. */
	function asNumber(s) {
		if (s === 'Inf') return Infinity;
		if (s === '-Inf') return -Infinity;
		if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return NaN;
		return parseFloat(s);
	}

	/* A column is numeric when each of its cells is a number or NA (and one is a number). */
	function numericColumns(cols, rows) {
		return cols.map(function (_, c) {
			var seen = false;
			for (var r = 0; r < rows.length; r++) {
				var s = rows[r][c];
				if (s === 'NA' || s === '') continue;
				if (isNaN(asNumber(s))) return false;
				seen = true;
			}
			return seen;
		});
	}

	function cmpText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

	/* ---- tables ---- */

	function TableView(root, t) {
		this.root = root;
		this.t = t;
		this.numeric = numericColumns(t.columns, t.rows);
		this.order = t.rows.map(function (_, i) { return i; });
		this.sortCol = -1;
		this.sortDir = 1;
		this.filter = '';
		this.shown = TABLE_STEP;
		this.build();
		this.render();
	}

	TableView.prototype.build = function () {
		var self = this, tools = el('div', 'tools'), label = el('label');
		this.input = el('input');
		this.input.type = 'search';
		this.input.placeholder = 'keep rows holding...';
		this.input.setAttribute('aria-label', 'filter the rows of ' + this.t.name);
		this.input.addEventListener('input', function () {
			self.filter = self.input.value.toLowerCase();
			self.shown = TABLE_STEP;
			self.render();
		});
		label.appendChild(this.input);
		tools.appendChild(label);
		this.count = el('span', 'count');
		tools.appendChild(this.count);
		this.root.appendChild(tools);

		var scroll = el('div', 'scroll'), table = el('table'), thead = el('thead'), tr = el('tr');
		this.heads = this.t.columns.map(function (name, c) {
			var th = el('th'), b = el('button', null, name);
			b.type = 'button';
			b.title = 'sort by ' + name;
			b.addEventListener('click', function () { self.sortBy(c); });
			th.appendChild(b);
			tr.appendChild(th);
			return th;
		});
		thead.appendChild(tr);
		table.appendChild(thead);
		this.tbody = el('tbody');
		table.appendChild(this.tbody);
		scroll.appendChild(table);
		this.root.appendChild(scroll);
		this.more = el('button', 'more', 'show more rows');
		this.more.type = 'button';
		this.more.addEventListener('click', function () { self.shown += TABLE_STEP; self.render(); });
		this.root.appendChild(this.more);
	};

	TableView.prototype.sortBy = function (c) {
		var rows = this.t.rows, dir, num = this.numeric[c];
		this.sortDir = this.sortCol === c ? -this.sortDir : (num ? -1 : 1);
		this.sortCol = c;
		dir = this.sortDir;
		this.order.sort(function (i, j) {
			var a = rows[i][c], b = rows[j][c], r;
			if (num) {
				var x = asNumber(a), y = asNumber(b);
				/* NA last in either direction */
				if (isNaN(x) || isNaN(y)) r = isNaN(x) - isNaN(y);
				else r = dir * (x < y ? -1 : x > y ? 1 : 0);
			} else {
				r = dir * cmpText(a, b);
			}
			return r || i - j;
		});
		this.heads.forEach(function (th, k) {
			if (k === c) th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
			else th.removeAttribute('aria-sort');
		});
		this.shown = TABLE_STEP;
		this.render();
	};

	TableView.prototype.render = function () {
		var t = this.t, f = this.filter, numeric = this.numeric, frag = document.createDocumentFragment();
		var hits = f ? this.order.filter(function (i) {
			return t.rows[i].some(function (s) { return s.toLowerCase().indexOf(f) >= 0; });
		}) : this.order;
		var n = Math.min(hits.length, this.shown);
		for (var k = 0; k < n; k++) {
			var tr = el('tr');
			t.rows[hits[k]].forEach(function (s, c) { tr.appendChild(el('td', numeric[c] ? 'num' : null, s)); });
			frag.appendChild(tr);
		}
		this.tbody.textContent = '';
		this.tbody.appendChild(frag);
		this.count.textContent = (f ? fmt(hits.length) + ' of the ' + fmt(t.rows.length) + ' rows here hold "' +
			this.input.value + '"' : fmt(t.rows.length) + ' rows here') + (n < hits.length ? '; showing ' + fmt(n) : '');
		this.more.hidden = n >= hits.length;
	};

	/* ---- concordance ---- */

	/* The words of a context as sort keys, as AntConc sorts: lower case, punctuation at either end left out. */
	function words(s) {
		return s.toLowerCase().split(/\s+/).map(function (w) {
			return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
		}).filter(function (w) { return w !== ''; });
	}

	function cmpWords(a, b) {
		for (var k = 0; k < a.length && k < b.length; k++) {
			var r = cmpText(a[k], b[k]);
			if (r) return r;
		}
		return a.length - b.length;
	}

	function Concordance(root, k) {
		var self = this, col = {};
		k.columns.forEach(function (name, i) { col[name] = i; });
		this.k = k;
		this.col = col;
		this.root = root;
		this.shown = KWIC_STEP;
		this.order = k.rows.map(function (_, i) { return i; });
		var tools = el('div', 'tools');
		this.selects = {};
		[['concept', 'concept'], ['pattern', 'pattern'], ['group', k.group_name || 'group'],
			['period', k.period_name || 'period']].forEach(function (p) {
			var values = {}, label = el('label', null, p[1] + ' '), sel = el('select');
			if (col[p[0]] === undefined) return;
			k.rows.forEach(function (r) { values[r[col[p[0]]]] = true; });
			var list = Object.keys(values).filter(function (v) { return v !== ''; }).sort(cmpText);
			if (list.length === 0) return;
			sel.id = 'kwic-' + p[0];
			sel.appendChild(el('option', null, 'all'));
			sel.options[0].value = '';
			list.forEach(function (v) { var o = el('option', null, v); o.value = v; sel.appendChild(o); });
			sel.addEventListener('change', function () { self.shown = KWIC_STEP; self.render(); });
			label.appendChild(sel);
			tools.appendChild(label);
			self.selects[p[0]] = sel;
		});
		var tl = el('label', null, 'words ');
		this.text = el('input');
		this.text.type = 'search';
		this.text.id = 'kwic-text';
		this.text.placeholder = 'in the match or context';
		this.text.addEventListener('input', function () { self.shown = KWIC_STEP; self.render(); });
		tl.appendChild(this.text);
		tools.appendChild(tl);
		var sl = el('label', null, 'sort by ');
		this.sort = el('select');
		this.sort.id = 'kwic-sort';
		[['file', 'file order'], ['left', 'left context (1st word to the left, then 2nd...)'],
			['right', 'right context (1st word to the right, then 2nd...)'], ['match', 'match']].forEach(function (o) {
			var opt = el('option', null, o[1]);
			opt.value = o[0];
			self.sort.appendChild(opt);
		});
		this.sort.addEventListener('change', function () { self.sortBy(self.sort.value); });
		sl.appendChild(this.sort);
		tools.appendChild(sl);
		root.appendChild(tools);
		this.count = el('p', 'count');
		this.count.id = 'kwic-count';
		root.appendChild(this.count);
		var table = el('table');
		table.id = 'kwic-lines';
		this.tbody = el('tbody');
		table.appendChild(this.tbody);
		root.appendChild(table);
		this.more = el('button', 'more', 'show more lines');
		this.more.type = 'button';
		this.more.addEventListener('click', function () { self.shown += KWIC_STEP; self.render(); });
		root.appendChild(this.more);
		this.render();
	}

	Concordance.prototype.sortBy = function (how) {
		var rows = this.k.rows, col = this.col, keys;
		if (how === 'left') keys = rows.map(function (r) { return words(r[col.left]).reverse(); });
		else if (how === 'right') keys = rows.map(function (r) { return words(r[col.right]); });
		else if (how === 'match') keys = rows.map(function (r) { return words(r[col.match]); });
		this.order = rows.map(function (_, i) { return i; });
		if (keys) this.order.sort(function (i, j) { return cmpWords(keys[i], keys[j]) || i - j; });
		this.shown = KWIC_STEP;
		this.render();
	};

	Concordance.prototype.render = function () {
		var rows = this.k.rows, col = this.col, want = {}, self = this;
		Object.keys(this.selects).forEach(function (name) {
			if (self.selects[name].value !== '') want[name] = self.selects[name].value;
		});
		var text = this.text.value.toLowerCase(), names = Object.keys(want);
		var hits = this.order.filter(function (i) {
			var r = rows[i];
			for (var n = 0; n < names.length; n++)
				if (r[col[names[n]]] !== want[names[n]]) return false;
			return !text || (r[col.left] + ' ' + r[col.match] + ' ' + r[col.right]).toLowerCase().indexOf(text) >= 0;
		});
		var n = Math.min(hits.length, this.shown), frag = document.createDocumentFragment();
		for (var k = 0; k < n; k++) {
			var r = rows[hits[k]], tr = el('tr'), doc = el('td', 'doc', r[col.doc_id]);
			doc.title = r[col.doc_id] + (col.group !== undefined ? ' \u00b7 ' + r[col.group] : '') +
				(col.period !== undefined ? ' \u00b7 ' + r[col.period] : '') + ' \u00b7 ' + r[col.concept] +
				' (' + r[col.pattern] + ')';
			tr.appendChild(doc);
			var off = el('td', 'off', r[col.byte_start]);
			off.title = 'bytes ' + r[col.byte_start] + '..' + r[col.byte_end] + ' of the document';
			tr.appendChild(off);
			var left = el('td', 'left'), box = el('div');
			box.appendChild(el('span', null, r[col.left]));
			left.appendChild(box);
			tr.appendChild(left);
			tr.appendChild(el('td', 'match', r[col.match]));
			tr.appendChild(el('td', 'right', r[col.right]));
			frag.appendChild(tr);
		}
		this.tbody.textContent = '';
		this.tbody.appendChild(frag);
		this.count.textContent = fmt(hits.length) + ' of the ' + fmt(rows.length) + ' lines here match' +
			(n < hits.length ? '; showing the first ' + fmt(n) : '') + '.';
		this.more.hidden = n >= hits.length;
	};

	data.tables.forEach(function (t) {
		var root = document.getElementById(t.id);
		if (root) new TableView(root, t);
	});
	if (data.kwic) {
		var kroot = document.getElementById('kwic-view');
		if (kroot) new Concordance(kroot, data.kwic);
	}
	document.documentElement.setAttribute('data-ready', 'yes');
})();
