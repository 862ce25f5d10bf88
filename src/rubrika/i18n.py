"""Messages students and teachers read, in Indonesian (default) and English."""

from __future__ import annotations

DEFAULT_LANG = "id"
LANGUAGES = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # essay reading
    "essay.missing": {"id": "berkas tidak ditemukan", "en": "file not found"},
    "essay.not_file": {"id": "bukan berkas biasa", "en": "not a regular file"},
    "essay.unreadable": {"id": "berkas tidak dapat dibaca ({reason})", "en": "file cannot be read ({reason})"},
    "essay.empty": {"id": "berkas kosong: tidak ada teks esai", "en": "file is empty: no essay text"},
    "essay.binary": {
        "id": "berkas berisi data biner, bukan teks (simpan esai sebagai .txt, .docx, .odt, atau .pdf)",
        "en": "file holds binary data, not text (save the essay as .txt, .docx, .odt or .pdf)",
    },
    "essay.encoding_broken": {
        "id": "berkas mengaku berenkode {encoding} tetapi isinya rusak",
        "en": "file claims to be {encoding} but its content is broken",
    },
    "essay.encoding_unknown": {
        "id": "enkode teks berkas tidak dapat dikenali; simpan ulang sebagai UTF-8",
        "en": "the file's text encoding cannot be recognised; save it again as UTF-8",
    },
    "essay.corrupt": {
        "id": "berkas {kind} rusak atau bukan dokumen {kind} yang sebenarnya",
        "en": "the {kind} file is damaged or not really a {kind} document",
    },
    "essay.pdf_encrypted": {
        "id": "PDF dikunci dengan kata sandi; kirim ulang tanpa kata sandi",
        "en": "the PDF is locked with a password; send it again without one",
    },
    "essay.pdf_no_text": {
        "id": "PDF tidak memiliki lapisan teks (mungkin hasil pindaian atau foto); kirim berkas .docx atau .txt",
        "en": "the PDF has no text layer (probably a scan or a photo); send a .docx or .txt file",
    },
    "essay.legacy_format": {
        "id": "format {suffix} tidak dapat dibaca; simpan ulang sebagai .docx, .odt, .pdf, atau .txt",
        "en": "the {suffix} format cannot be read; save it again as .docx, .odt, .pdf or .txt",
    },
    "essay.too_long_text": {
        "id": "teks terlalu panjang untuk sebuah esai ({chars} karakter; batas {limit})",
        "en": "the text is too long for an essay ({chars} characters; limit {limit})",
    },
    "essay.long_word": {
        "id": "berisi rangkaian {chars} karakter tanpa spasi (batas {limit}); ini bukan teks esai",
        "en": "holds a run of {chars} characters without a space (limit {limit}); this is not essay text",
    },
    "essay.encoding": {
        "id": "berkas bukan teks UTF-8 (byte tidak sah di posisi {position}); simpan ulang sebagai UTF-8",
        "en": "file is not UTF-8 text (invalid byte at position {position}); save it again as UTF-8",
    },
    "essay.too_large": {
        "id": "berkas terlalu besar ({size} byte; batas {limit} byte, ubah dengan --max-size)",
        "en": "file is too large ({size} bytes; limit {limit} bytes, change it with --max-size)",
    },
    "essay.format": {
        "id": "format berkas {suffix} tidak didukung (gunakan .txt, .md, .docx, .odt, atau .pdf)",
        "en": "file format {suffix} is not supported (use .txt, .md, .docx, .odt or .pdf)",
    },
    # rubric errors
    "rubric.yaml": {"id": "YAML tidak sah: {problem}", "en": "invalid YAML: {problem}"},
    "rubric.not_mapping": {"id": "rubrik harus berupa pemetaan (kunci: nilai)", "en": "a rubric must be a mapping (key: value)"},
    "rubric.duplicate_key": {"id": "kunci '{key}' muncul dua kali", "en": "key '{key}' appears twice"},
    "rubric.too_big": {
        "id": "rubrik terlalu besar atau berisi alias yang berlipat (lebih dari {limit} simpul)",
        "en": "rubric is too large or holds exploding aliases (more than {limit} nodes)",
    },
    "rubric.missing": {"id": "kunci wajib '{key}' tidak ada", "en": "required key '{key}' is missing"},
    "rubric.unknown_key": {"id": "kunci '{key}' tidak dikenal", "en": "unknown key '{key}'"},
    "rubric.did_you_mean": {"id": "mungkin maksud Anda '{suggestion}'?", "en": "did you mean '{suggestion}'?"},
    "rubric.allowed": {"id": "yang diizinkan: {allowed}", "en": "allowed: {allowed}"},
    "rubric.number": {"id": "'{key}' harus berupa angka, bukan {value!r}", "en": "'{key}' must be a number, not {value!r}"},
    "rubric.integer": {"id": "'{key}' harus berupa bilangan bulat, bukan {value!r}", "en": "'{key}' must be a whole number, not {value!r}"},
    "rubric.boolean": {"id": "'{key}' harus true atau false, bukan {value!r}", "en": "'{key}' must be true or false, not {value!r}"},
    "rubric.string": {"id": "'{key}' harus berupa teks", "en": "'{key}' must be a text"},
    "rubric.list": {"id": "'{key}' harus berupa daftar (baris diawali '- ')", "en": "'{key}' must be a list (lines starting with '- ')"},
    "rubric.mapping": {"id": "'{key}' harus berupa pemetaan (kunci: nilai)", "en": "'{key}' must be a mapping (key: value)"},
    "rubric.range": {"id": "'{key}' harus {constraint}, bukan {value!r}", "en": "'{key}' must be {constraint}, not {value!r}"},
    "rubric.too_short": {"id": "'{key}' perlu paling sedikit {min} isian", "en": "'{key}' needs at least {min} item(s)"},
    "rubric.empty_text": {"id": "'{key}' tidak boleh kosong", "en": "'{key}' must not be empty"},
    "rubric.slug": {
        "id": "'{key}' harus berupa id: huruf kecil, angka dan tanda hubung, bukan {value!r}",
        "en": "'{key}' must be an id: lowercase letters, digits and hyphens, not {value!r}",
    },
    "rubric.choice": {"id": "'{key}' harus salah satu dari: {allowed}; bukan {value!r}", "en": "'{key}' must be one of: {allowed}; not {value!r}"},
    "rubric.text_language": {"id": "bahasa '{value}' tidak dikenal", "en": "unknown language '{value}'"},
    "rubric.text_type": {
        "id": "'{key}' harus berupa teks atau pemetaan bahasa (id: ..., en: ...)",
        "en": "'{key}' must be a text or a mapping of languages (id: ..., en: ...)",
    },
    "rubric.invalid": {"id": "nilai '{key}' tidak sah: {detail}", "en": "invalid value for '{key}': {detail}"},
    "rubric.duplicate_id": {"id": "id '{value}' sudah dipakai di baris {line}", "en": "id '{value}' is already used on line {line}"},
    "rubric.levels_order": {
        "id": "level harus urut dari 'min' tertinggi ke terendah; {value} tidak lebih kecil dari {previous}",
        "en": "levels must go from the highest 'min' to the lowest; {value} is not below {previous}",
    },
    "rubric.levels_floor": {
        "id": "level terakhir harus 'min: 0' agar setiap skor mendapat level",
        "en": "the last level must have 'min: 0' so that every score gets a level",
    },
    "rubric.grades_order": {
        "id": "rentang nilai harus urut dari 'min' tertinggi ke terendah; {value} tidak lebih kecil dari {previous}",
        "en": "grade bands must go from the highest 'min' to the lowest; {value} is not below {previous}",
    },
    "rubric.grades_floor": {
        "id": "rentang nilai terakhir harus 'min: 0' agar setiap total mendapat nilai",
        "en": "the last grade band must have 'min: 0' so that every total gets a grade",
    },
    "rubric.no_terms": {
        "id": "konsep '{value}' tidak punya terms, patterns, maupun groups: tidak ada yang bisa dicocokkan",
        "en": "concept '{value}' has no terms, patterns or groups: nothing can match",
    },
    "rubric.group_no_terms": {"id": "kelompok '{value}' tidak punya terms maupun patterns", "en": "group '{value}' has no terms or patterns"},
    "rubric.one_group": {
        "id": "'groups' perlu paling sedikit dua kelompok (satu kelompok cukup ditulis sebagai terms)",
        "en": "'groups' needs at least two groups (one group is just 'terms')",
    },
    "rubric.define_groups": {
        "id": "konsep memakai 'define' dan 'groups' sekaligus; pilih salah satu",
        "en": "a concept uses both 'define' and 'groups'; choose one",
    },
    "rubric.length_order": {"id": "'max_words' lebih kecil dari 'min_words'", "en": "'max_words' is smaller than 'min_words'"},
    "rubric.term_never": {
        "id": "istilah {value!r} tidak pernah cocok: hanya berisi tanda baca atau spasi",
        "en": "term {value!r} can never match: it holds only punctuation or spaces",
    },
    "rubric.pattern_invalid": {"id": "pola token tidak sah: {detail}", "en": "invalid token pattern: {detail}"},
    "rubric.pattern_never": {"id": "pola token tidak pernah cocok: {detail}", "en": "token pattern can never match: {detail}"},
    "rubric.placeholder": {"id": "tempat isian {{{value}}} tidak dikenal", "en": "unknown placeholder {{{value}}}"},
    "rubric.template_syntax": {
        "id": "kurung kurawal tidak seimbang dalam teks umpan balik ({detail}); tulis {{{{ atau }}}} untuk kurung biasa",
        "en": "unbalanced braces in a feedback text ({detail}); write {{{{ or }}}} for a literal brace",
    },
    "rubric.example_failed": {
        "id": "contoh untuk '{concept}' seharusnya {expected}, tetapi hasilnya {got}: {sentence!r}",
        "en": "the example for '{concept}' should be {expected}, but it is {got}: {sentence!r}",
    },
    "html.version": {"id": "versi", "en": "version"},
    "authoring.total_weight": {"id": "bobot total", "en": "total weight"},
    "authoring.grades": {"id": "Rentang nilai", "en": "Grade bands"},
    "authoring.length": {"id": "Panjang: {min}-{max} kata", "en": "Length: {min}-{max} words"},
    "authoring.weight": {"id": "bobot", "en": "weight"},
    "authoring.levels": {"id": "level", "en": "levels"},
    "authoring.headings": {"id": "judul bagian", "en": "headings"},
    "authoring.min_entries": {"id": "sumber minimal", "en": "minimum sources"},
    "authoring.citations": {"id": "sitasi dalam teks", "en": "in-text citations"},
    "authoring.flag_define": {"id": "harus didefinisikan", "en": "must be defined"},
    "authoring.flag_groups": {"id": "semua kelompok dalam satu {together}", "en": "all groups in one {together}"},
    "authoring.unit.sentence": {"id": "kalimat", "en": "sentence"},
    "authoring.unit.paragraph": {"id": "paragraf", "en": "paragraph"},
    "authoring.unit.essay": {"id": "esai", "en": "essay"},
    "authoring.group_partial": {"id": "sendiri = sebagian", "en": "alone = partial"},
    "authoring.terms": {"id": "istilah", "en": "terms"},
    "authoring.tried": {"id": "dicoba ({name})", "en": "tried ({name})"},
    "authoring.defined": {"id": "ada kalimat yang mendefinisikannya", "en": "a sentence defines it"},
    "authoring.not_defined": {
        "id": "tidak ada kalimat \"X adalah/merupakan/ialah ...\" dengan istilah ini di awal klausa",
        "en": "no \"X adalah/merupakan/ialah ...\" sentence with the term opening its clause",
    },
    "authoring.at": {"id": "karakter", "en": "chars"},
    "authoring.close": {"id": "kalimat yang mendekati (kata yang sama)", "en": "sentences that came close (shared words)"},
    "authoring.nothing_close": {"id": "tidak ada kalimat yang memuat kata-kata konsep ini", "en": "no sentence holds any word of this concept"},
    "authoring.test_summary": {"id": "{passed} lulus, {failed} gagal", "en": "{passed} passed, {failed} failed"},
    "authoring.exists": {
        "id": "{path} sudah ada; pilih nama lain atau pakai --force untuk menimpanya",
        "en": "{path} already exists; choose another name or use --force to overwrite it",
    },
    "authoring.created": {
        "id": "{path} dibuat (skema editor: {schema}). Ubah, lalu jalankan: rubrika rubric validate {path}",
        "en": "{path} created (editor schema: {schema}). Edit it, then run: rubrika rubric validate {path}",
    },
    "authoring.sources_not_last": {
        "id": "{path} sudah punya 'sources:' yang bukan bagian terakhir; tambahkan sidik jari secara manual (rubrika rubric fingerprint ARTIKEL mencetaknya)",
        "en": "{path} has a 'sources:' list that is not its last part; add the fingerprint by hand (rubrika rubric fingerprint ARTICLE prints it)",
    },
    "authoring.fingerprinted": {"id": "sidik jari '{title}' ditambahkan ke {path}", "en": "fingerprint of '{title}' added to {path}"},
    "authoring.unknown_concept": {"id": "konsep '{value}' tidak ada di rubrik", "en": "concept '{value}' is not in the rubric"},
    "rubric.hint": {"id": "saran: {hint}", "en": "hint: {hint}"},
    "hint.tabs": {"id": "ganti karakter tab dengan spasi (YAML hanya memakai spasi untuk indentasi)",
                  "en": "replace the tab character with spaces (YAML indents with spaces only)"},
    "hint.colon": {"id": "teks yang memuat titik dua ': ' harus diapit tanda kutip, atau indentasinya salah",
                   "en": "a text holding ': ' must be put in quotes, or the indentation is wrong"},
    "hint.brackets": {"id": "periksa pasangan [ ] dan {{ }}, dan apit teks yang memuat koma dengan tanda kutip",
                      "en": "check the [ ] and {{ }} pairs, and quote a text that holds a comma"},
    "hint.quotes": {"id": "periksa tanda kutip yang belum ditutup", "en": "check for a quote that is not closed"},
    "hint.indent": {"id": "periksa indentasi: kunci pada tingkat yang sama harus sejajar, isi daftar diawali '- '",
                    "en": "check the indentation: keys of one level line up, list items start with '- '"},
    "hint.unknown_key": {"id": "perbaiki ejaan kuncinya atau hapus baris ini", "en": "fix the key's spelling or delete the line"},
    "hint.number": {"id": "tulis angka saja, misalnya 25 (tanpa kata atau tanda kutip)",
                    "en": "write a bare number such as 25 (no words, no quotes)"},
    "hint.duplicate_id": {"id": "beri id yang berbeda; id dipakai di laporan dan kolom CSV",
                          "en": "give it another id; ids name report entries and CSV columns"},
    "hint.order": {"id": "urutkan dari 'min' terbesar ke terkecil, dan akhiri dengan 'min: 0'",
                   "en": "order them from the largest 'min' to the smallest, ending with 'min: 0'"},
    "hint.terms": {"id": "tambahkan paling sedikit satu istilah di 'terms', misalnya terms: [perdamaian]",
                   "en": "add at least one term to 'terms', e.g. terms: [perdamaian]"},
    "hint.example": {
        "id": "tambahkan istilah yang dipakai contoh ini ke konsepnya, atau pindahkan contoh ke daftar yang benar",
        "en": "add the wording this example uses to the concept's terms, or move the example to the right list",
    },
    "hint.placeholder": {"id": "tulis {{{{ dan }}}} untuk kurung kurawal biasa", "en": "write {{{{ and }}}} for literal braces"},
    "rubric.summary_errors": {"id": "{file}: {count} kesalahan", "en": "{file}: {count} error(s)"},
    "rubric.summary_ok": {
        "id": "{file}: rubrik sah — '{id}' versi {version}, {criteria} kriteria, {concepts} konsep, {terms} istilah, bobot total {weight:g}",
        "en": "{file}: rubric is valid — '{id}' version {version}, {criteria} criteria, {concepts} concepts, {terms} terms, total weight {weight:g}",
    },
    "rubric.not_found": {"id": "berkas rubrik tidak ditemukan", "en": "rubric file not found"},
    "rubric.read": {"id": "berkas rubrik tidak dapat dibaca ({reason})", "en": "rubric file cannot be read ({reason})"},
    # report text
    "report.total": {"id": "Skor total", "en": "Total score"},
    "report.grade": {"id": "Nilai", "en": "Grade"},
    "report.words": {"id": "{words} kata, {sentences} kalimat", "en": "{words} words, {sentences} sentences"},
    "report.next": {"id": "Langkah berikutnya", "en": "Next steps"},
    "report.terms": {"id": "kata yang dicari", "en": "words looked for"},
    "report.gain": {"id": "— sampai +{points} poin", "en": "— up to +{points} points"},
    "report.all_done": {"id": "Semua konsep rubrik sudah ditemukan. Bagus!", "en": "Every concept of the rubric was found. Well done!"},
    "report.error": {"id": "tidak dapat diperiksa", "en": "could not be checked"},
    "report.rubric": {"id": "Rubrik", "en": "Rubric"},
    "references.section": {"id": "Bagian daftar referensi", "en": "Reference list section"},
    "references.entries": {"id": "Paling sedikit {min} sumber", "en": "At least {min} sources"},
    "references.citations": {"id": "Sitasi di dalam teks", "en": "In-text citations"},
    "status.found": {"id": "ada", "en": "found"},
    "status.partial": {"id": "sebagian", "en": "partial"},
    "status.missing": {"id": "belum ada", "en": "missing"},
    "advisory.too_short": {
        "id": "Esai ini {words} kata; rubrik meminta paling sedikit {min} kata.",
        "en": "This essay has {words} words; the rubric asks for at least {min}.",
    },
    "advisory.too_long": {
        "id": "Esai ini {words} kata; rubrik meminta paling banyak {max} kata.",
        "en": "This essay has {words} words; the rubric asks for at most {max}.",
    },
    "advisory.wrong_language": {
        "id": "Esai ini sebagian besar berbahasa Inggris ({share}% kalimat); rubrik ini untuk esai berbahasa Indonesia, jadi skornya tidak mencerminkan isinya. Tulis ulang dalam bahasa Indonesia.",
        "en": "This essay is mostly in English ({share}% of sentences); the rubric is for Indonesian essays, so the score does not reflect its content. Rewrite it in Indonesian.",
    },
    "advisory.mixed_language": {
        "id": "{share}% kalimat esai ini berbahasa Inggris.",
        "en": "{share}% of this essay's sentences are in English.",
    },
    "advisory.off_topic": {
        "id": "Esai ini mungkin di luar topik: hanya {share}% kalimatnya membahas gagasan rubrik.",
        "en": "This essay may be off topic: only {share}% of its sentences touch the rubric's ideas.",
    },
    "advisory.stuffing": {
        "id": "Istilah untuk {concepts} hanya muncul dalam daftar kata atau kalimat tanpa isi; tiap konsep itu paling banyak mendapat nilai sebagian. Jelaskan gagasannya dalam kalimat utuh.",
        "en": "The terms for {concepts} appear only in lists of words or sentences without content; each of those concepts earns partial credit at most. Explain the ideas in full sentences.",
    },
    "advisory.negation": {
        "id": "Bukti untuk {concepts} hanya muncul dalam bentuk ingkar (misalnya \"tidak ada ...\"); periksa apakah maksudnya memang begitu.",
        "en": "The evidence for {concepts} appears only negated (e.g. \"tidak ada ...\"); check that this is what is meant.",
    },
    "advisory.copied": {
        "id": "Sekitar {share}% kata esai ini sama persis dengan teks sumber (tanpa tanda kutip dan sitasi). Tulis dengan kata-katamu sendiri, atau kutip dan sebutkan sumbernya.",
        "en": "About {share}% of this essay's words are copied word for word from a source (without quotation marks and a citation). Write in your own words, or quote and cite.",
    },
    "advisory.similar": {
        "id": "Esai ini memiliki {shared} bagian yang sama dengan {others}.",
        "en": "This essay shares {shared} passages with {others}.",
    },
    "advisory.label.off-topic": {"id": "di luar topik", "en": "off topic"},
    "advisory.label.keyword-stuffing": {"id": "penjejalan istilah", "en": "keyword stuffing"},
    "advisory.label.negation": {"id": "kalimat ingkar", "en": "negation"},
    "advisory.label.copied-source": {"id": "menyalin sumber", "en": "copied source"},
    "advisory.label.similar-essays": {"id": "mirip esai lain", "en": "similar essays"},
    # HTML reports
    "html.report_title": {"id": "Umpan balik esai", "en": "Essay feedback"},
    "html.back": {"id": "Kembali ke ringkasan kelas", "en": "Back to the class overview"},
    "html.summary": {"id": "Ringkasan", "en": "Summary"},
    "html.advisory": {"id": "Catatan", "en": "Note"},
    "html.criteria": {"id": "Penilaian per kriteria", "en": "Assessment by criterion"},
    "html.evidence": {"id": "bukti", "en": "evidence"},
    "html.essay_text": {"id": "Teks esai", "en": "Essay text"},
    "html.legend": {
        "id": "Kata yang dicetak tebal dan bergaris bawah adalah bukti yang ditemukan; kalimatnya diberi latar biru muda.",
        "en": "Bold underlined words are the evidence found; their sentences have a light blue background.",
    },
    "html.class_title": {"id": "Ringkasan kelas", "en": "Class overview"},
    "html.essays": {"id": "esai", "en": "essays"},
    "html.class_average": {"id": "Rata-rata kelas", "en": "Class average"},
    "html.unreadable": {"id": "tidak dapat dibaca", "en": "could not be read"},
    "html.scores": {"id": "Nilai siswa", "en": "Student scores"},
    "html.sort_hint": {"id": "Klik judul kolom untuk mengurutkan.", "en": "Click a column heading to sort."},
    "html.scores_caption": {
        "id": "Skor total, nilai, dan poin tiap kriteria (bobot dalam kurung).",
        "en": "Total score, grade and points per criterion (weight in brackets).",
    },
    "html.student": {"id": "Siswa", "en": "Student"},
    "html.advisories": {"id": "Catatan", "en": "Notes"},
    "html.distribution": {"id": "Sebaran skor", "en": "Score distribution"},
    "html.distribution_alt": {"id": "Histogram jumlah esai per rentang skor", "en": "Histogram of essays per score range"},
    "html.heatmap": {"id": "Konsep yang dibahas tiap siswa", "en": "Concepts each student covered"},
    "html.heatmap_legend": {
        "id": "✓ ada · ~ sebagian · ✗ belum ada (arahkan kursor ke sel untuk nama konsepnya).",
        "en": "✓ found · ~ partial · ✗ missing (hover over a cell for the concept's name).",
    },
    "html.similar_title": {"id": "Esai yang mirip satu sama lain", "en": "Essays similar to each other"},
    "html.similar_hint": {
        "id": "Pasangan esai yang memuat bagian teks yang sama (bukan kutipan umum seluruh kelas). Periksa sebelum menyimpulkan.",
        "en": "Pairs of essays holding the same passages (not text the whole class shares). Check before concluding.",
    },
    "html.copied_legend": {
        "id": "Bagian bergaris bawah putus-putus sama persis dengan teks sumber atau esai lain.",
        "en": "Passages with a dashed underline match a source text or another essay word for word.",
    },
    "html.unreadable_title": {"id": "Esai yang tidak dapat dibaca", "en": "Essays that could not be read"},
    "html.groups_title": {"id": "Kelompok esai", "en": "Groups of essays"},
    "html.groups_hint": {
        "id": "Satu halaman per sub-folder (paling banyak {size} esai per halaman). Semua nilai ada di buku nilai:",
        "en": "One page per sub-folder (at most {size} essays a page). Every score is in the gradebook:",
    },
    "html.group": {"id": "Kelompok", "en": "Group"},
    "html.group_back": {"id": "Kembali ke daftar kelompok", "en": "Back to the list of groups"},
    "cli.grade_summary": {
        "id": "{count} esai dinilai, {failed} tidak dapat dibaca; rata-rata {average}. Laporan: {index}",
        "en": "{count} essay(s) graded, {failed} could not be read; average {average}. Report: {index}",
    },
    "cli.no_essays": {"id": "tidak ada esai (.txt, .md, .docx, .odt, .pdf) di {folder}", "en": "no essays (.txt, .md, .docx, .odt, .pdf) in {folder}"},
    "cli.outdir_is_input": {
        "id": "folder keluaran {outdir} sama dengan folder esai atau berada di atasnya; pilih folder lain dengan -o",
        "en": "output folder {outdir} is the essay folder or above it; choose another one with -o",
    },
    "cli.written": {"id": "laporan ditulis ke {path}", "en": "report written to {path}"},
    "advisory.label.too-short": {"id": "terlalu pendek", "en": "too short"},
    "advisory.label.too-long": {"id": "terlalu panjang", "en": "too long"},
    "advisory.label.wrong-language": {"id": "bukan bahasa Indonesia", "en": "not Indonesian"},
    "cli.summary": {
        "id": "{count} esai diperiksa, {failed} tidak dapat dibaca",
        "en": "{count} essay(s) checked, {failed} could not be read",
    },
    "cli.internal": {
        "id": "kesalahan internal Rubrika: {error} (jalankan ulang dengan --debug untuk rinciannya)",
        "en": "Rubrika internal error: {error} (run again with --debug for details)",
    },
}


def t(msg_id: str, lang: str = DEFAULT_LANG, /, **kwargs: object) -> str:
    """Return message ``msg_id`` in ``lang`` (Indonesian when missing), formatted."""
    entry = MESSAGES[msg_id]
    return entry.get(lang, entry[DEFAULT_LANG]).format(**kwargs)
