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
        "id": "berkas ditandai sebagai {encoding}, tetapi isinya rusak; simpan ulang sebagai UTF-8",
        "en": "the file is marked as {encoding}, but its content is broken; save it again as UTF-8",
    },
    "essay.encoding_unknown": {
        "id": "pengodean (encoding) teks berkas tidak dapat dikenali; simpan ulang sebagai UTF-8",
        "en": "the file's text encoding cannot be recognised; save it again as UTF-8",
    },
    "essay.corrupt": {
        "id": "berkas {kind} rusak atau bukan dokumen {kind} yang sebenarnya",
        "en": "the {kind} file is damaged or not really a {kind} document",
    },
    "essay.package_parts": {
        "id": "berkas {kind} berisi {count} bagian (batas {limit}); ini bukan dokumen esai biasa",
        "en": "the {kind} file holds {count} parts (limit {limit}); this is not an ordinary essay document",
    },
    "essay.package_unpacked": {
        "id": "isi berkas {kind} terlalu besar setelah dibuka ({size} byte; batas {limit} byte)",
        "en": "the {kind} file is too large once unpacked ({size} bytes; limit {limit} bytes)",
    },
    "essay.package_part": {
        "id": "bagian {part} dalam berkas {kind} terlalu besar setelah dibuka ({size} byte; batas {limit} byte)",
        "en": "part {part} of the {kind} file is too large once unpacked ({size} bytes; limit {limit} bytes)",
    },
    "essay.package_paragraphs": {
        "id": "berkas {kind} berisi terlalu banyak paragraf (lebih dari {limit}); ini bukan dokumen esai biasa",
        "en": "the {kind} file holds too many paragraphs (over {limit}); this is not an ordinary essay document",
    },
    "essay.package_tags": {
        "id": "berkas {kind} berisi terlalu banyak unsur XML (lebih dari {limit}); ini bukan dokumen esai biasa",
        "en": "the {kind} file holds too many XML elements (over {limit}); this is not an ordinary essay document",
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
    "rubric.not_mapping": {"id": "rubrik harus berupa pemetaan (kunci: isi)", "en": "a rubric must be a mapping (key: value)"},
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
    "rubric.mapping": {"id": "'{key}' harus berupa pemetaan (kunci: isi)", "en": "'{key}' must be a mapping (key: value)"},
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
    "rubric.invalid": {"id": "isi '{key}' tidak sah: {detail}", "en": "invalid value for '{key}': {detail}"},
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
        "id": "rentang predikat harus urut dari 'min' tertinggi ke terendah; {value} tidak lebih kecil dari {previous}",
        "en": "grade bands must go from the highest 'min' to the lowest; {value} is not below {previous}",
    },
    "rubric.grades_floor": {
        "id": "rentang predikat terakhir harus 'min: 0' agar setiap skor mendapat predikat",
        "en": "the last grade band must have 'min: 0' so that every score gets a grade",
    },
    "rubric.no_terms": {
        "id": "konsep '{value}' tidak punya terms, patterns, maupun groups: tidak ada yang bisa dicocokkan",
        "en": "concept '{value}' has no terms, patterns or groups: nothing can match",
    },
    "rubric.group_no_terms": {"id": "kelompok '{value}' tidak punya terms maupun patterns", "en": "group '{value}' has no terms or patterns"},
    "rubric.group_context_partial": {
        "id": "kelompok '{value}' adalah konteks (context: true), jadi tidak bisa memberi nilai sebagian sendirian (partial: true)",
        "en": "group '{value}' is context (context: true), so it cannot earn partial credit alone (partial: true)",
    },
    "rubric.class_unknown": {"id": "kelas kata '{value}' tidak dikenal", "en": "unknown word class '{value}'"},
    "rubric.rule_kind": {
        "id": "sebuah aturan (rules) menulis tepat satu dari 'found' atau 'partial'",
        "en": "a rule names exactly one of 'found' or 'partial'",
    },
    "rubric.rule_group": {"id": "aturan menyebut kelompok '{value}' yang tidak ada di konsep ini",
                          "en": "the rule names group '{value}', which this concept does not have"},
    "rubric.rule_context_alone": {
        "id": "aturan ini hanya memuat kelompok konteks (context: true); kelompok konteks tidak boleh memberi nilai sendirian",
        "en": "this rule holds only context groups (context: true); context never earns credit alone",
    },
    "rubric.rules_without_groups": {"id": "'rules' memerlukan 'groups'", "en": "'rules' needs 'groups'"},
    "rubric.one_group": {
        "id": "'groups' perlu paling sedikit dua kelompok (satu kelompok cukup ditulis sebagai terms)",
        "en": "'groups' needs at least two groups (one group is just 'terms')",
    },
    "rubric.length_order": {"id": "'max_words' lebih kecil dari 'min_words'", "en": "'max_words' is smaller than 'min_words'"},
    "rubric.term_never": {
        "id": "istilah {value!r} tidak pernah cocok: hanya berisi tanda baca atau spasi",
        "en": "term {value!r} can never match: it holds only punctuation or spaces",
    },
    "rubric.pattern_invalid": {"id": "pola token tidak sah: {detail}", "en": "invalid token pattern: {detail}"},
    "rubric.pattern_never": {"id": "pola token tidak pernah cocok: {detail}", "en": "token pattern can never match: {detail}"},
    "rubric.regex_invalid": {"id": "REGEX {value!r} tidak sah: {detail}", "en": "REGEX {value!r} is invalid: {detail}"},
    "rubric.regex_long": {
        "id": "REGEX {value!r} lebih panjang dari {limit} karakter",
        "en": "REGEX {value!r} is longer than {limit} characters",
    },
    "rubric.regex_nested": {
        "id": "REGEX {value!r} bisa membuat pemeriksaan macet pada satu kata panjang: bagian yang diulang dapat cocok dengan beberapa cara, misalnya (a+)+, (a|aa)* atau (.*a){{12}}; ulangi hanya bagian yang panjangnya tetap, dan awali setiap pilihan di dalam pengulangan dengan huruf yang berbeda",
        "en": "REGEX {value!r} may take exponential time: a repeated part can itself match in several ways, such as (a+)+, (a|aa)* or (.*a){{12}}; repeat only parts of a fixed length, and start the alternatives inside a repeat with different letters",
    },
    "rubric.regex_overlap": {
        "id": "REGEX {value!r} bisa sangat lambat pada kata yang panjang: terlalu banyak pengulangan terbuka (* + {{n,}}) dicoba satu sama lain, misalnya .*.*x, a*a*b atau (a|b)*c (kelompok yang diulang dihitung dua, pencarian dari setiap huruf dihitung satu kecuali REGEX diawali ^); awali dengan ^ atau gabungkan pengulangannya",
        "en": "REGEX {value!r} may take too long on a long word: too many open-ended repeats (* + {{n,}}) are tried against each other, such as .*.*x, a*a*b or (a|b)*c (a repeated group counts as two, searching from every letter as one unless the REGEX starts with ^); start it with ^ or merge the repeats",
    },
    "rubric.regex_count": {
        "id": "REGEX {value!r} mengulang {count} kali; paling banyak {limit}",
        "en": "REGEX {value!r} repeats {count} times; at most {limit}",
    },
    "rubric.regex_backref": {
        "id": "REGEX {value!r} memakai rujukan balik (\\1), yang bisa memakan waktu sangat lama; tulis tanpa rujukan balik",
        "en": "REGEX {value!r} uses a back-reference (\\1), which can take very long; write it without one",
    },
    "rubric.regex_lookaround": {
        "id": "REGEX {value!r} memakai pengulangan di dalam (?=…) atau (?!…), yang bisa sangat lambat; tulis tanpa pengulangan di sana",
        "en": "REGEX {value!r} repeats inside (?=…) or (?!…), which can be very slow; write it without a repeat there",
    },
    "rubric.regex_unsupported": {
        "id": "REGEX {value!r} memakai {what}, yang tidak dijalankan Rubrika",
        "en": "REGEX {value!r} uses {what}, which Rubrika does not run",
    },
    "rubric.op_repeat": {
        "id": "OP {value!r} mengulang satu token lebih dari {limit} kali; tulis pola yang lebih pendek",
        "en": "OP {value!r} repeats a token more than {limit} times; write a shorter pattern",
    },
    "rubric.placeholder": {"id": "tempat isian {{{value}}} tidak dikenal", "en": "unknown placeholder {{{value}}}"},
    "rubric.placeholder_format": {
        "id": "tempat isian {value} tidak boleh memakai format (':…') atau konversi ('!…'); tulis saja {{{name}}}",
        "en": "placeholder {value} must not have a format spec (':…') or a conversion ('!…'); write just {{{name}}}",
    },
    "rubric.template_syntax": {
        "id": "kurung kurawal tidak seimbang dalam teks umpan balik ({detail}); tulis {{{{ atau }}}} agar kurung kurawal tampil sebagai teks",
        "en": "unbalanced braces in a feedback text ({detail}); write {{{{ or }}}} for a literal brace",
    },
    "rubric.example_failed": {
        "id": "contoh untuk '{concept}' seharusnya {expected}, tetapi hasilnya {got}: {sentence!r}",
        "en": "the example for '{concept}' should be {expected}, but it is {got}: {sentence!r}",
    },
    "html.version": {"id": "versi", "en": "version"},
    "authoring.total_weight": {"id": "bobot total", "en": "total weight"},
    "authoring.grades": {"id": "Rentang predikat", "en": "Grade bands"},
    "authoring.length": {"id": "Panjang: {min}–{max} kata", "en": "Length: {min}–{max} words"},
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
    "authoring.group_context": {"id": "konteks, tidak pernah dihitung sendirian", "en": "context, never counted alone"},
    "authoring.group_class": {"id": "kelas kata {name}", "en": "word class {name}"},
    "authoring.rule": {"id": "aturan", "en": "rule"},
    "authoring.rule_low": {"id": "kurang yakin", "en": "less sure"},
    "authoring.terms": {"id": "istilah", "en": "terms"},
    "authoring.tried": {"id": "dicoba ({name})", "en": "tried ({name})"},
    "authoring.defined": {"id": "ada kalimat yang mendefinisikannya", "en": "a sentence defines it"},
    "authoring.not_defined": {
        "id": "tidak ada kalimat “X adalah/merupakan/ialah …” dengan istilah ini di awal klausa",
        "en": "no “X adalah/merupakan/ialah …” sentence with the term opening its clause",
    },
    "authoring.at": {"id": "karakter", "en": "chars"},
    "authoring.close": {"id": "kalimat yang memuat sebagian gagasan ini (dikutip di umpan balik)", "en": "the sentence that carries part of this idea (quoted in the feedback)"},
    "authoring.nothing_close": {"id": "tidak ada kalimat yang memuat sebagian gagasan ini; umpan balik tidak mengutip apa pun", "en": "no sentence carries part of this idea; the feedback quotes nothing"},
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
    "hint.colon": {"id": "teks yang memuat titik dua ': ' harus diapit tanda petik, atau indentasinya salah",
                   "en": "a text holding ': ' must be put in quotes, or the indentation is wrong"},
    "hint.brackets": {"id": "periksa pasangan [ ] dan {{ }}, lalu apit teks yang memuat koma dengan tanda petik",
                      "en": "check the [ ] and {{ }} pairs, and quote a text that holds a comma"},
    "hint.quotes": {"id": "periksa tanda petik yang belum ditutup", "en": "check for a quote that is not closed"},
    "hint.indent": {"id": "periksa indentasi: kunci pada tingkat yang sama harus sejajar, isi daftar diawali '- '",
                    "en": "check the indentation: keys of one level line up, list items start with '- '"},
    "hint.unknown_key": {"id": "perbaiki ejaan kuncinya atau hapus baris ini", "en": "fix the key's spelling or delete the line"},
    "hint.number": {"id": "tulis angka saja, misalnya 25 (tanpa kata atau tanda petik)",
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
    "hint.placeholder": {"id": "tulis {{{{ dan }}}} agar kurung kurawal tampil sebagai teks", "en": "write {{{{ and }}}} for literal braces"},
    "rubric.summary_errors": {"id": "{file}: {count} kesalahan", "en": "{file}: {count} error(s)"},
    "rubric.summary_ok": {
        "id": "{file}: rubrik sah — '{id}' versi {version}, {criteria} kriteria, {concepts} konsep, {terms} istilah, bobot total {weight:g}",
        "en": "{file}: rubric is valid — '{id}' version {version}, {criteria} criteria, {concepts} concepts, {terms} terms, total weight {weight:g}",
    },
    "rubric.not_found": {"id": "berkas rubrik tidak ditemukan", "en": "rubric file not found"},
    "rubric.too_large": {
        "id": "rubrik terlalu besar (lebih dari {limit} byte)",
        "en": "rubric is too large (over {limit} bytes)",
    },
    "rubric.read": {"id": "berkas rubrik tidak dapat dibaca ({reason})", "en": "rubric file cannot be read ({reason})"},
    # report text
    "report.total": {"id": "Skor", "en": "Score"},
    "report.grade": {"id": "Predikat", "en": "Grade"},
    "report.words": {"id": "{words} kata, {sentences} kalimat", "en": "{words} words, {sentences} sentences"},
    "report.next": {"id": "Langkah berikutnya", "en": "Next steps"},
    "report.terms": {"id": "kata yang dicari", "en": "words looked for"},
    "report.gain": {"id": "— skormu bisa naik hingga {points}", "en": "— your score can rise by up to {points}"},
    "report.all_done": {
        "id": "Semua bagian yang diminta tugas ini sudah terlihat di esaimu. Bagus! Tantangan berikutnya: perkuat tiap paragraf dengan satu contoh nyata dari Indonesia dan sebutkan sumbernya.",
        "en": "Every part this task asks for can be seen in your essay. Well done! Next challenge: back up each paragraph with one real example from Indonesia and name its source.",
    },
    "report.error": {"id": "tidak dapat diperiksa", "en": "could not be checked"},
    "report.rubric": {"id": "Rubrik", "en": "Rubric"},
    # for the reporters (not used yet): the summary line, and a next step that repeats the concept's advice
    "report.score_line": {"id": "Skor {score} dari 100 · Predikat {grade}", "en": "Score {score} out of 100 · Grade {grade}"},
    "report.next_step": {"id": "{label} ({criterion}): {feedback}", "en": "{label} ({criterion}): {feedback}"},
    "references.section": {"id": "Daftar pustaka", "en": "Reference list"},
    "references.entries": {"id": "Paling sedikit {min} sumber di daftar pustaka", "en": "At least {min} sources in the reference list"},
    "references.citations": {"id": "Sumber disebut di dalam teks", "en": "Sources named in the text"},
    "status.found": {"id": "ada", "en": "found"},
    "status.partial": {"id": "sebagian", "en": "partial"},
    "status.missing": {"id": "belum ada", "en": "missing"},
    # the teacher's last word (koreksi.csv)
    "report.corrected": {"id": "dikoreksi guru", "en": "corrected by the teacher"},
    "report.confirmed": {"id": "diperiksa guru", "en": "checked by the teacher"},
    "report.teacher_note": {"id": "Catatan guru", "en": "Teacher's note"},
    "advisory.too_short": {
        "id": "Esaimu baru {words} kata, sedangkan tugas ini meminta paling sedikit {min} kata. Tambahkan penjelasan atau contoh pada bagian yang masih singkat.",
        "en": "Your essay has only {words} words, while this task asks for at least {min}. Add an explanation or an example where a part is still short.",
    },
    "advisory.too_long": {
        "id": "Esaimu {words} kata, sedangkan tugas ini meminta paling banyak {max} kata. Ringkas bagian yang mengulang gagasan yang sama.",
        "en": "Your essay has {words} words, while this task asks for at most {max}. Shorten the parts that repeat the same idea.",
    },
    "advisory.wrong_language": {
        "id": "Sebagian besar esaimu ditulis dalam bahasa Inggris ({share}% kalimat). Tugas ini meminta esai berbahasa Indonesia, jadi skornya belum menggambarkan isi esaimu. Tulis ulang esaimu dalam bahasa Indonesia.",
        "en": "Most of your essay is in English ({share}% of sentences). This task asks for an essay in Indonesian, so the score does not yet reflect what your essay says. Write it again in Indonesian.",
    },
    "advisory.mixed_language": {
        "id": "Sebanyak {share}% kalimat di esaimu ditulis dalam bahasa Inggris. Tulis kalimat itu dalam bahasa Indonesia agar gagasannya terbaca.",
        "en": "Of your essay's sentences, {share}% are in English. Write them in Indonesian so that their ideas can be read.",
    },
    "advisory.off_topic": {
        "id": "Esaimu mungkin keluar dari topik: hanya {share}% kalimatnya memuat gagasan yang diminta tugas ini. Baca lagi judul tugas, lalu hubungkan tiap paragraf dengan topiknya.",
        "en": "Your essay may be off topic: only {share}% of its sentences hold the ideas this task asks for. Read the task's title again, then link each paragraph to the topic.",
    },
    "advisory.stuffing": {
        "id": "Istilah untuk {concepts} hanya muncul dalam daftar kata, rangkaian istilah, atau istilah yang diulang-ulang, jadi konsep itu tidak mendapat poin (0). Bagian itu ditandai di teks esai. Jelaskan gagasannya dalam kalimat utuh.",
        "en": "The terms for {concepts} appear only in lists of words, strings of terms or repeated terms, so those concepts earn no points (0). Those lines are marked in the essay text. Explain the ideas in full sentences.",
    },
    "advisory.negation": {
        "id": "Kata kunci untuk {concepts} hanya muncul dalam kalimat negatif (misalnya “tidak ada …”). Periksa lagi apakah memang itu maksudmu.",
        "en": "The key words for {concepts} appear only in negative sentences (e.g. “tidak ada …”). Check that this is what you mean.",
    },
    "advisory.copied": {
        "id": "Sekitar {share}% kata di esaimu sama persis dengan teks sumber, tanpa tanda petik dan tanpa menyebut sumbernya. Tulis ulang dengan kata-katamu sendiri, atau beri tanda petik dan sebutkan sumbernya.",
        "en": "About {share}% of your essay's words are the same as a source text, word for word, without quotation marks and without naming the source. Rewrite them in your own words, or put them in quotation marks and name the source.",
    },
    "advisory.similar": {
        "id": "Esaimu memuat {shared} bagian teks yang sama persis dengan esai {others}.",
        "en": "Your essay holds {shared} passages that are the same, word for word, as in the essay of {others}.",
    },
    "advisory.label.off-topic": {"id": "di luar topik", "en": "off topic"},
    "advisory.label.keyword-stuffing": {"id": "istilah tanpa penjelasan", "en": "keyword stuffing"},
    "advisory.label.negation": {"id": "kalimat negatif", "en": "negative sentences"},
    "advisory.label.copied-source": {"id": "sama dengan sumber", "en": "same as the source"},
    "advisory.label.similar-essays": {"id": "mirip esai lain", "en": "similar essays"},
    # HTML reports
    "html.report_title": {"id": "Umpan balik esai", "en": "Essay feedback"},
    "html.back": {"id": "Kembali ke ringkasan kelas", "en": "Back to the class overview"},
    "html.summary": {"id": "Ringkasan", "en": "Summary"},
    "html.advisory": {"id": "Catatan", "en": "Note"},
    "html.criteria": {"id": "Penilaian per kriteria", "en": "Assessment by criterion"},
    "html.evidence": {"id": "kata yang cocok", "en": "matching words"},
    "html.essay_text": {"id": "Teks esai", "en": "Essay text"},
    "html.legend": {
        "id": "Kata yang dicetak tebal dan bergaris bawah cocok dengan yang diminta tugas ini; kalimatnya diberi latar biru muda.",
        "en": "Bold underlined words match what this task asks for; their sentences have a light blue background.",
    },
    "html.class_title": {"id": "Ringkasan kelas", "en": "Class overview"},
    "html.essays": {"id": "esai", "en": "essays"},
    "html.class_average": {"id": "Rata-rata kelas", "en": "Class average"},
    "html.unreadable": {"id": "tidak dapat dibaca", "en": "could not be read"},
    "html.scores": {"id": "Skor siswa", "en": "Student scores"},
    "html.sort_hint": {"id": "Klik judul kolom untuk mengurutkan.", "en": "Click a column heading to sort."},
    "html.scores_caption": {
        "id": "Skor, predikat, dan poin tiap kriteria (bobot dalam kurung).",
        "en": "Score, grade and points per criterion (weight in brackets).",
    },
    "html.student": {"id": "Siswa", "en": "Student"},
    "html.advisories": {"id": "Catatan", "en": "Notes"},
    "html.distribution": {"id": "Sebaran skor", "en": "Score distribution"},
    "html.distribution_alt": {"id": "Histogram jumlah esai per rentang skor", "en": "Histogram of essays per score range"},
    "html.heatmap": {"id": "Konsep yang terlihat di esai tiap siswa", "en": "Concepts found in each student's essay"},
    "html.heatmap_legend": {
        "id": "✓ ada · ~ sebagian · ✗ belum ada (arahkan kursor ke sel untuk nama konsepnya). Sel bergaris putus-putus dengan tanda ? berarti Rubrika kurang yakin: periksa sel itu lebih dulu.",
        "en": "✓ found · ~ partial · ✗ missing (hover over a cell for the concept's name). A dashed cell marked ? means Rubrika is less sure: review those cells first.",
    },
    "html.unsure": {"id": "kurang yakin, periksa", "en": "less sure, review"},
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
        "id": "Satu halaman per sub-folder (paling banyak {size} esai per halaman). Semua skor ada di buku nilai:",
        "en": "One page per sub-folder (at most {size} essays a page). Every score is in the gradebook:",
    },
    "html.group": {"id": "Kelompok", "en": "Group"},
    "html.group_back": {"id": "Kembali ke daftar kelompok", "en": "Back to the list of groups"},
    "cli.grade_summary": {
        "id": "Sebanyak {count} esai: {graded} dinilai, {failed} tidak dapat dibaca; rata-rata skor {average}. Laporan: {index}",
        "en": "{count} essay(s): {graded} graded, {failed} could not be read; average score {average}. Report: {index}",
    },
    "cli.no_essays": {"id": "tidak ada esai (.txt, .md, .docx, .odt, .pdf) di {folder}", "en": "no essays (.txt, .md, .docx, .odt, .pdf) in {folder}"},
    "cli.no_dask": {
        "id": "--scheduler memerlukan Dask, yang belum terpasang; pasang dengan: pip install 'rubrika[dask]'",
        "en": "--scheduler needs Dask, which is not installed; install it with: pip install 'rubrika[dask]'",
    },
    "cli.zip_on_cluster": {
        "id": "{path}: arsip .zip tidak dapat dinilai dengan --scheduler, karena pekerja klaster tidak dapat "
              "membacanya; ekstrak dulu ke folder yang dapat dibaca semua pekerja, lalu nilai folder itu",
        "en": "{path}: a .zip archive cannot be graded with --scheduler, as the cluster's workers cannot read it; "
              "extract it to a folder every worker can read, then grade that folder",
    },
    "cli.no_scheduler": {
        "id": "penjadwal Dask di {address} tidak dapat dihubungi ({reason}); periksa alamatnya dan apakah "
              "penjadwal sudah berjalan",
        "en": "cannot reach the Dask scheduler at {address} ({reason}); check the address and that the "
              "scheduler is running",
    },
    "cli.outdir_is_input": {
        "id": "folder keluaran {outdir} sama dengan folder esai atau memuat folder esai; pilih folder lain dengan -o",
        "en": "output folder {outdir} is the essay folder or holds it; choose another one with -o",
    },
    "cli.written": {"id": "laporan ditulis ke {path}", "en": "report written to {path}"},
    "advisory.label.too-short": {"id": "terlalu pendek", "en": "too short"},
    "advisory.label.too-long": {"id": "terlalu panjang", "en": "too long"},
    "advisory.label.wrong-language": {"id": "bukan bahasa Indonesia", "en": "not Indonesian"},
    "cli.summary": {
        "id": "Sebanyak {count} esai: {graded} diperiksa, {failed} tidak dapat dibaca",
        "en": "{count} essay(s): {graded} checked, {failed} could not be read",
    },
    "cli.internal": {
        "id": "kesalahan internal Rubrika: {error} (jalankan ulang dengan --debug untuk rinciannya)",
        "en": "Rubrika internal error: {error} (run again with --debug for details)",
    },
    # --- feedback that quotes the student, and reasons a concept earned less (issue 10) ---
    "feedback.near_partial": {
        "id": "Dari esaimu: “{quote}” {advice}",
        "en": "From your essay: “{quote}” {advice}",
    },
    "feedback.near_unsure": {
        "id": "Rubrika belum menemukan gagasan ini dengan jelas. Jika kalimatmu “{quote}” sudah membahasnya, tegaskan {need}.",
        "en": "Rubrika has not clearly found this idea yet. If your sentence “{quote}” already deals with it, make plain {need}.",
    },
    "reason.stuffing": {"id": "kata kuncinya hanya ada dalam daftar kata", "en": "its key words stand only in word lists"},
    "reason.negation": {"id": "hanya muncul dalam kalimat negatif", "en": "it appears only in negative sentences"},
    "reason.copied": {"id": "kalimatnya disalin dari sumber tanpa menyebut sumber", "en": "its sentences are copied from a source without naming it"},
    "advisory.stuffing_partial": {
        "id": "Kata kunci untuk {concepts} hanya muncul dalam daftar poin, tanpa kalimat yang menjelaskannya, jadi baru dihitung setengah. Jelaskan gagasan itu dalam kalimat utuh.",
        "en": "The key words for {concepts} appear only in bullet lists, with no sentence explaining them, so they count for half. Explain that idea in a full sentence.",
    },
    "authoring.match": {"id": "cocok", "en": "match"},
    "authoring.repaired": {"id": "(salah ketik diperbaiki: {word} → {term})", "en": "(typo repaired: {word} → {term})"},
    "authoring.words_apart": {"id": "(kata-kata istilah berjauhan dalam satu klausa)", "en": "(the term's words stand apart in one clause)"},
    "authoring.inside_term": {"id": "tidak dihitung: bagian dari istilah “{term}” milik {concept}",
                              "en": "not counted: part of the term “{term}” of {concept}"},
    "authoring.weak.stuffing": {"id": "lemah: hanya daftar kata", "en": "weak: a list of words only"},
    "authoring.weak.negation": {"id": "lemah: kalimat negatif", "en": "weak: a negative sentence"},
    "authoring.feedback": {"id": "umpan balik", "en": "feedback"},
    "advisory.copied_withheld": {
        "id": "Sekitar {share}% kata di esaimu sama persis dengan teks sumber, tanpa tanda petik dan tanpa menyebut sumbernya. Bagian yang disalin tidak dihitung: skormu {points} poin lebih rendah karenanya. Tulis ulang dengan kata-katamu sendiri, atau beri tanda petik dan sebutkan sumbernya.",
        "en": "About {share}% of your essay's words are the same as a source text, word for word, without quotation marks and without naming the source. The copied parts are not counted: your score is {points} points lower for it. Rewrite them in your own words, or put them in quotation marks and name the source.",
    },
    # --- batch, output folder and terminal (issue 11): new keys only, in one block ---
    "cli.outdir_holds_essays": {
        "id": "folder keluaran {outdir} berada di dalam folder esai dan berisi esai ({example}), yang tidak akan "
              "dinilai; pilih folder keluaran lain dengan -o",
        "en": "output folder {outdir} is inside the essay folder and holds essays ({example}), which would not be "
              "graded; choose another output folder with -o",
    },
    "cli.outdir_not_rubrika": {
        "id": "folder keluaran {outdir} sudah berisi berkas yang bukan buatan Rubrika ({example}) dan berkas itu "
              "bisa tertimpa; pilih folder baru atau kosong dengan -o, atau tambahkan --force untuk tetap menulis ke sana",
        "en": "output folder {outdir} already holds files Rubrika did not write ({example}), which could be "
              "overwritten; choose a new or empty folder with -o, or add --force to write there anyway",
    },
    "cli.interrupted": {
        "id": "Dihentikan (Ctrl-C). Tidak ada berkas yang tertulis setengah jalan; jalankan ulang perintah yang sama "
              "untuk mengulanginya.",
        "en": "Stopped (Ctrl-C). No file was left half-written; run the same command again to redo it.",
    },
    "cli.worker_stopped": {
        "id": "Sebuah proses pekerja berhenti tiba-tiba (mungkin memori habis). Keluaran lengkap sebelumnya tetap "
              "utuh. Jalankan ulang perintah yang sama untuk melanjutkan, bila perlu dengan --jobs 1.",
        "en": "A worker process stopped unexpectedly (perhaps out of memory). The previous complete outputs are "
              "intact. Run the same command again to continue, with --jobs 1 if need be.",
    },
    "cli.interrupted_grade": {
        "id": "Penilaian dihentikan (Ctrl-C). Keluaran lengkap sebelumnya tetap utuh. Jalankan ulang perintah yang "
              "sama untuk melanjutkan: esai yang sudah diperiksa tidak diperiksa ulang.",
        "en": "Grading stopped (Ctrl-C). The previous complete outputs are intact. Run the same command again to "
              "resume: essays already checked are not checked again.",
    },
    "cli.write_failed": {
        "id": "tidak dapat menulis {path}: {reason}. Keluaran lengkap sebelumnya tetap utuh; periksa izin tulis dan "
              "ruang disk, atau pilih folder lain dengan -o, lalu jalankan ulang.",
        "en": "cannot write {path}: {reason}. The previous complete outputs are intact; check write permission and "
              "disk space, or choose another folder with -o, then run again.",
    },
    "cli.skipped": {
        "id": "Sebanyak {count} berkas atau folder dilewati (tidak dinilai):",
        "en": "{count} file(s) or folder(s) skipped (not graded):",
    },
    "cli.skipped_more": {
        "id": "… dan {count} lainnya; daftar lengkapnya ada di {index}",
        "en": "… and {count} more; the full list is in {index}",
    },
    "skip.hidden": {
        "id": "berkas tersembunyi (namanya diawali titik); jika ini esai, hapus titik di awal namanya",
        "en": "hidden file (its name starts with a dot); if it is an essay, remove the leading dot",
    },
    "skip.hidden-folder": {"id": "folder tersembunyi (namanya diawali titik)",
                           "en": "hidden folder (its name starts with a dot)"},
    "skip.output-folder": {"id": "folder keluaran Rubrika dari penilaian lain", "en": "a Rubrika output folder of another run"},
    "skip.link-outside": {
        "id": "tautan simbolik ke berkas di luar folder esai; tidak diikuti",
        "en": "symbolic link to a file outside the essay folder; not followed",
    },
    "skip.link-folder": {"id": "tautan simbolik ke folder; tidak diikuti", "en": "symbolic link to a folder; not followed"},
    "skip.unreadable-folder": {
        "id": "folder tidak dapat dibuka ({reason}); esai di dalamnya tidak dinilai",
        "en": "folder cannot be opened ({reason}); the essays in it were not graded",
    },
    "skip.zip-refused": {"id": "{reason}", "en": "{reason}"},
    "cli.grade_not_folder": {
        "id": "{path} bukan folder atau arsip .zip; berikan folder esai atau .zip dari LMS",
        "en": "{path} is neither a folder nor a .zip archive; give a folder of essays or an LMS .zip",
    },
    "html.skipped_title": {"id": "Berkas dan folder yang dilewati", "en": "Files and folders skipped"},
    "html.corrected_legend": {
        "id": "Sel bertanda ✎ memakai status dari guru (koreksi.csv); tanda ✔ di samping nama berarti esai itu sudah diperiksa guru.",
        "en": "A cell marked ✎ holds the teacher's status (koreksi.csv); a ✔ beside a name means the teacher reviewed that essay.",
    },
    "html.reviewed": {"id": "sudah diperiksa guru", "en": "reviewed by the teacher"},
    "html.corrections_title": {"id": "Koreksi yang tidak diterapkan", "en": "Corrections not applied"},
    "html.corrections_hint": {
        "id": "Baris koreksi.csv berikut tidak diterapkan; baris lainnya sudah diterapkan. Perbaiki atau hapus baris itu, lalu jalankan rubrika grade lagi.",
        "en": "These rows of koreksi.csv were not applied; the other rows were. Fix or delete them, then run rubrika grade again.",
    },
    "cli.corrections_applied": {
        "id": "Koreksi guru dari {file}: {count} baris diterapkan.",
        "en": "Teacher's corrections from {file}: {count} rows applied.",
    },
    "cli.corrections_problems": {
        "id": "Sebanyak {count} baris koreksi tidak diterapkan (juga tercantum di {index}):",
        "en": "{count} correction rows were not applied (also listed in {index}):",
    },
    "corrections.too_large": {
        "id": "{file}: berkas koreksi lebih dari {limit} MB; tidak ada koreksi yang diterapkan",
        "en": "{file}: the corrections file is over {limit} MB; no correction was applied",
    },
    "corrections.unreadable": {
        "id": "{file}: tidak dapat dibaca ({reason}); tidak ada koreksi yang diterapkan",
        "en": "{file}: cannot be read ({reason}); no correction was applied",
    },
    "corrections.bad_header": {
        "id": "{file}:{line}: baris judul tidak memuat kolom {missing}; tidak ada koreksi yang diterapkan (kolom yang dikenal: {columns})",
        "en": "{file}:{line}: the header row lacks the column(s) {missing}; no correction was applied (known columns: {columns})",
    },
    "corrections.csv_error": {
        "id": "{file}:{line}: baris ini dan sesudahnya tidak dapat dibaca ({reason}); periksa tanda petik yang belum ditutup",
        "en": "{file}:{line}: this row and those after it cannot be read ({reason}); look for a quote that is not closed",
    },
    "corrections.duplicate": {
        "id": "{file}:{line}: koreksi {concept} untuk {essay} ditulis lagi di baris {later}; yang dipakai baris {later}",
        "en": "{file}:{line}: the correction of {concept} for {essay} is written again on line {later}; line {later} is used",
    },
    "corrections.no_file": {
        "id": "{file}:{line}: kolom file kosong; tulis jalur esai seperti di grades.csv",
        "en": "{file}:{line}: the file cell is empty; write the essay's path as grades.csv shows it",
    },
    "corrections.no_concept": {
        "id": "{file}:{line}: kolom concept kosong; tulis id konsep (lihat daftar kode di index.html) atau * untuk esai yang sudah diperiksa",
        "en": "{file}:{line}: the concept cell is empty; write a concept id (see the list of codes in index.html) or * for an essay you reviewed",
    },
    "corrections.bad_status": {
        "id": "{file}:{line}: status '{value}' tidak dikenal; tulis salah satu dari: {allowed}",
        "en": "{file}:{line}: unknown status '{value}'; write one of: {allowed}",
    },
    "corrections.bad_reviewed": {
        "id": "{file}:{line}: baris * menandai esai yang sudah diperiksa; kosongkan kolom status atau tulis 'diperiksa' (bukan '{value}')",
        "en": "{file}:{line}: a * row marks an essay as reviewed; leave the status empty or write 'reviewed' (not '{value}')",
    },
    "corrections.bad_show": {
        "id": "{file}:{line}: isi '{value}' di kolom tampilkan_ke_siswa tidak dikenal; catatan tidak ditampilkan ke siswa (tulis {yes} untuk menampilkannya)",
        "en": "{file}:{line}: '{value}' in the tampilkan_ke_siswa column is not understood; the note is not shown to the student (write {yes} to show it)",
    },
    "corrections.no_essay": {
        "id": "{file}:{line}: tidak ada esai {essay} di kelas ini (sudah diganti nama atau dihapus?); koreksinya tidak diterapkan",
        "en": "{file}:{line}: there is no essay {essay} in this class (renamed or removed?); its correction was not applied",
    },
    "corrections.no_concept_in_rubric": {
        "id": "{file}:{line}: rubrik {rubric} tidak memiliki konsep {concept}; koreksinya tidak diterapkan",
        "en": "{file}:{line}: rubric {rubric} has no concept {concept}; its correction was not applied",
    },
    "corrections.unreadable_essay": {
        "id": "{file}:{lines}: esai {essay} tidak dapat dibaca kali ini; koreksinya menunggu sampai esai itu terbaca lagi",
        "en": "{file}:{lines}: the essay {essay} could not be read this time; its corrections wait until it can be read again",
    },
    "cli.write_reason.full": {"id": "disk penuh", "en": "the disk is full"},
    "cli.write_reason.read_only": {"id": "folder hanya dapat dibaca", "en": "the folder is read-only"},
    "cli.write_reason.denied": {"id": "tidak ada izin menulis", "en": "no permission to write"},
    # issue 14: severity, phone and print layout, evidence, next steps, Indonesian CLI
    "html.warning": {"id": "Peringatan", "en": "Warning"},
    "html.warnings": {"id": "Peringatan untuk guru dan siswa", "en": "Warnings for teacher and student"},
    "html.score_flagged": {
        "id": "Periksa peringatan di atas sebelum memakai skor ini.",
        "en": "Check the warning above before using this score.",
    },
    "html.stuffed_legend": {
        "id": "Baris berlatar merah muda adalah daftar atau rangkaian istilah; istilah bergaris bawah bergelombang di dalamnya tidak mendapat poin.",
        "en": "Lines on a pink background are lists or strings of terms; the terms with a wavy underline in them earn no points.",
    },
    "html.concept_codes": {"id": "Kode konsep", "en": "Concept codes"},
    "html.flagged_rows": {
        "id": "Baris bertanda ⚠ memiliki peringatan (menyalin, di luar topik, bahasa, penjejalan istilah, mirip esai lain); periksa esainya sebelum memakai skornya.",
        "en": "Rows marked ⚠ carry a warning (copying, off topic, language, keyword stuffing, similar essays); read the essay before using its score.",
    },
    "html.similar_share": {"id": "sama {share}% dengan {other}", "en": "{share}% the same as {other}"},
    "report.warning": {"id": "PERINGATAN", "en": "WARNING"},
    "report.note": {"id": "Catatan", "en": "Note"},
    "next.on_topic": {
        "id": "Tulis esai tentang topik tugas: {topic}",
        "en": "Write the essay on the assignment's topic: {topic}",
    },
    "next.on_topic_any": {"id": "Tulis esai tentang topik tugas", "en": "Write the essay on the assignment's topic"},
    "next.on_topic_feedback": {
        "id": "Sebagian besar kalimatmu belum membahas topik tugas ini. Mulailah dari judul tugas, lalu jelaskan gagasan-gagasannya dengan kata-katamu sendiri.",
        "en": "Most of your sentences do not discuss the rubric's ideas. Start from the assignment's topic, then explain its concepts in your own sentences.",
    },
    "next.indonesian": {"id": "Tulis ulang esai dalam bahasa Indonesia", "en": "Rewrite the essay in Indonesian"},
    "next.full_sentences": {
        "id": "Jelaskan gagasan dalam kalimat utuh, bukan daftar atau rangkaian istilah",
        "en": "Explain the ideas in full sentences, not lists or strings of terms",
    },
    "next.own_words": {
        "id": "Tulis bagian yang disalin dengan kata-katamu sendiri, atau kutip dan sebutkan sumbernya",
        "en": "Rewrite the copied passages in your own words, or quote and cite them",
    },
    "advisory.similar_share": {
        "id": "Sebanyak {share}% teks esai ini sama dengan {others} ({shared} bagian). Periksa kedua esai sebelum menyimpulkan.",
        "en": "{share}% of this essay's text is the same as {others} ({shared} passages). Check both essays before concluding.",
    },
    "cli.output_one_essay": {
        "id": "-o/--output menulis laporan satu esai; berikan tepat satu FILE",
        "en": "-o/--output writes the report of one essay; give exactly one FILE",
    },
    "cli.output_is_essay": {"id": "-o/--output tidak boleh esai itu sendiri", "en": "-o/--output must not be the essay itself"},
    "init.header": {
        "id": "# Salinan rubrik bawaan Rubrika, untuk diubah sesuai kelas Anda.\n"
              "# Topik (IPS, perspektif global): kerja sama internasional dan multilateralisme sebagai\n"
              "# jalan menuju perdamaian, hak asasi manusia, dan demokrasi, beserta peluang dan hambatannya.\n"
              "# Diturunkan dari gagasan artikel yang disebut di bawah `source`; semua kalimatnya milik Rubrika.\n"
              "#\n"
              "# Cara istilah dicocokkan (lihat README): huruf besar/kecil diabaikan, bentuk kata dinormalkan\n"
              "# (pengulangan \"nilai-nilai\" = \"nilai\", imbuhan kata kerja \"dibangun\" = \"membangun\",\n"
              "# \"-nya\" dibuang), tanda hubung di antara kata boleh ada atau tidak, kata panjang boleh salah ketik satu huruf.\n"
              "# Setelah mengubah, jalankan: rubrika rubric validate BERKAS",
        "en": "# A copy of Rubrika's built-in rubric, to adapt to your class.\n"
              "# Topic (IPS, global perspective): international cooperation and multilateralism as\n"
              "# means to peace, human rights and democracy, with their opportunities and obstacles.\n"
              "# Derived from the ideas of the article named under `source`; all wording is Rubrika's own.\n"
              "#\n"
              "# How terms match (see README): case-insensitive, on normalised word forms\n"
              "# (reduplication \"nilai-nilai\" = \"nilai\", verb affixes \"dibangun\" = \"membangun\",\n"
              "# \"-nya\" dropped), a hyphen between words is optional, long words tolerate one typo.\n"
              "# After editing, run: rubrika rubric validate FILE",
    },
    "init.section.definitions": {"id": "definisi", "en": "definitions"},
    "init.section.opportunities": {"id": "peluang", "en": "opportunities"},
    "init.section.obstacles": {"id": "hambatan", "en": "obstacles"},
    "init.section.ips": {"id": "perspektif IPS", "en": "IPS perspective"},
    "init.section.references": {"id": "referensi", "en": "references"},
    "explain.kind.term": {"id": "istilah", "en": "term"},
    "explain.kind.definition": {"id": "definisi", "en": "definition"},
    "explain.kind.group": {"id": "kelompok {name}", "en": "group {name}"},
    "explain.kind.pattern": {"id": "pola", "en": "pattern"},
    "authoring.pass": {"id": "LULUS", "en": "PASS"},
    "authoring.fail": {"id": "GAGAL", "en": "FAIL"},
    "essay.is_folder": {
        "id": "ini sebuah folder; untuk menilai semua esai di dalamnya pakai: rubrika grade {path}",
        "en": "this is a folder; to grade every essay in it use: rubrika grade {path}",
    },
    # Hostile text: letters of other scripts in Latin words, run-on sentences (issue 11, items 14 and 15)
    "advisory.mixed_script": {
        "id": "Sebanyak {count} kata di esaimu memuat huruf dari aksara lain (misalnya Sirilik atau Yunani) yang hanya mirip huruf Latin, misalnya “{example}”. Kata itu tetap dibaca sebagai kata yang ditirunya. Ketik ulang kata itu dengan huruf Latin biasa.",
        "en": "{count} word(s) of your essay hold letters of another script (such as Cyrillic or Greek) that only look like Latin letters, e.g. “{example}”. They are still read as the words they imitate. Type those words again in plain Latin letters.",
    },
    "advisory.run_on": {
        "id": "Sebanyak {count} kalimat di esaimu lebih panjang dari {limit} kata (yang terpanjang {words} kata). Kalimat sepanjang itu sulit dibaca. Pecah menjadi beberapa kalimat dengan tanda titik.",
        "en": "{count} sentence(s) of your essay are longer than {limit} words (the longest has {words}). Sentences that long are hard to read. Split them into several sentences with full stops.",
    },
    "advisory.label.mixed-script": {"id": "huruf aksara lain", "en": "mixed scripts"},
    "advisory.label.run-on": {"id": "kalimat terlalu panjang", "en": "run-on sentences"},
    # rubrika rubric suggest (learning terms from graded essays)
    "suggest.header": {
        "id": "Rubrik {id} {version} · {essays} esai berlabel dari {file} · {rule}",
        "en": "Rubric {id} {version} · {essays} labelled essay(s) from {file} · {rule}",
    },
    "suggest.rule_concepts": {"id": "label 0/1 per konsep", "en": "one 0/1 label per concept"},
    "suggest.rule_corrections": {
        "id": "koreksi guru: {corrected} konsep dikoreksi, {reviewed} esai diperiksa",
        "en": "the teacher's corrections: {corrected} concept(s) corrected, {reviewed} essay(s) reviewed",
    },
    "suggest.rule_binary": {"id": "label 0/1 per esai", "en": "one 0/1 label per essay"},
    "suggest.rule_score": {
        "id": "skor per esai; skor ≥ {threshold} dihitung positif ({how})",
        "en": "a score per essay; a score ≥ {threshold} counts as positive ({how})",
    },
    "suggest.rule_median": {"id": "median skor", "en": "the median score"},
    "suggest.rule_threshold": {"id": "--threshold", "en": "--threshold"},
    "suggest.essay_level": {
        "id": "Esai: {positive} positif, {negative} negatif; rubrik sekarang (ada/sebagian di konsep mana pun = positif): presisi {precision}, recall {recall}, F1 {f1}",
        "en": "Essays: {positive} positive, {negative} negative; the rubric now (found/partial in any concept = positive): precision {precision}, recall {recall}, F1 {f1}",
    },
    "suggest.legend": {
        "id": "+ = lolos --min-precision {precision} dan --min-support {support}; dengan -o Anda mendapat rubrik baru yang memuatnya. Periksa setiap calon sebelum Anda memakainya.",
        "en": "+ = passes --min-precision {precision} and --min-support {support}; with -o you get a new rubric that holds it. Review every candidate before you use it.",
    },
    "suggest.concept": {
        "id": "{criterion}/{concept} — {label}: {positive} positif, {negative} negatif; rubrik sekarang: presisi {precision}, recall {recall}, F1 {f1}",
        "en": "{criterion}/{concept} — {label}: {positive} positive, {negative} negative; the rubric now: precision {precision}, recall {recall}, F1 {f1}",
    },
    "suggest.terms_header": {
        "id": "Istilah (esai positif/negatif yang memuatnya, presisi, recall):",
        "en": "Terms (positive/negative essays holding them, precision, recall):",
    },
    "suggest.term_line": {
        "id": "{term}: {pos}/{neg}, presisi {precision}, recall {recall}",
        "en": "{term}: {pos}/{neg}, precision {precision}, recall {recall}",
    },
    "suggest.candidates_header": {
        "id": "Calon istilah baru (lebih sering di esai positif):",
        "en": "Candidate new terms (more frequent in positive essays):",
    },
    "suggest.candidate_line": {
        "id": "{text}: {pos} positif, {neg} negatif, presisi {precision}; {gain} esai positif yang belum dikenali rubrik, {cost} esai negatif yang akan ikut dihitung",
        "en": "{text}: {pos} positive, {neg} negative, precision {precision}; {gain} positive essay(s) the rubric misses now, {cost} negative essay(s) it would newly credit",
    },
    "suggest.thin": {
        "id": "Bukti terlalu sedikit: {positive} esai positif dan {negative} negatif; perlu paling sedikit {min} esai berlabel, {negatives} di antaranya negatif dan {support} positif. Tidak ada usulan untuk konsep ini.",
        "en": "Too little evidence: {positive} positive and {negative} negative essay(s); at least {min} labelled essays are needed, {negatives} of them negative and {support} positive. Nothing is proposed for this concept.",
    },
    "suggest.class_word": {"id": "kelas {name}", "en": "class {name}"},
    "suggest.example": {"id": "contoh: “{sentence}”", "en": "example: “{sentence}”"},
    "suggest.risky_header": {
        "id": "Kecocokan berisiko (bentuk kata yang diubah mesin, kebanyakan di esai negatif; rubrik tidak diubah, Anda yang memutuskan):",
        "en": "Risky matches (word forms the engine changed, mostly on negative essays; the rubric is not changed, you decide):",
    },
    "suggest.risky_line": {
        "id": "“{form}” dihitung sebagai “{term}” ({kind}): {pos} positif, {neg} negatif",
        "en": "“{form}” counted as “{term}” ({kind}): {pos} positive, {neg} negative",
    },
    "suggest.kind.typo": {"id": "perbaikan salah ketik", "en": "typo repair"},
    "suggest.kind.norm": {"id": "bentuk yang dinormalkan", "en": "normalised form"},
    "suggest.none": {"id": "(tidak ada)", "en": "(none)"},
    "suggest.assigned_fallback": {
        "id": "[tidak muncul bersama konsep mana pun; dimasukkan ke konsep yang paling sering ditemukan di esai positif]",
        "en": "[occurs with no concept; put under the concept found most often in positive essays]",
    },
    "suggest.unassigned": {
        "id": "Calon yang tidak dapat dikaitkan ke satu konsep (tidak muncul bersama konsep mana pun; pakai --concept ID): {terms}",
        "en": "Candidates that could not be tied to a concept (they occur with none; use --concept ID): {terms}",
    },
    "suggest.written": {
        "id": "Rubrik baru ditulis ke {path} (versi {version}): {added} istilah ditambahkan; tidak ada istilah yang dihapus. Periksa perubahannya, lalu jalankan: rubrika rubric validate {path}",
        "en": "New rubric written to {path} (version {version}): {added} term(s) added; no term was removed. Review the changes, then run: rubrika rubric validate {path}",
    },
    "suggest.held_back": {
        "id": "Tidak dimasukkan karena akan mengubah hasil contoh kalimat di rubrik Anda: {terms}",
        "en": "Left out because they would change the result of an example sentence in your rubric: {terms}",
    },
    "suggest.comment_added": {
        "id": "rubric suggest: {pos} esai positif, {neg} negatif (presisi {precision})",
        "en": "rubric suggest: {pos} positive essay(s), {neg} negative (precision {precision})",
    },
    "suggest.err.read": {"id": "{file}: tidak dapat dibaca ({reason})", "en": "{file}: cannot be read ({reason})"},
    "suggest.err.empty": {
        "id": "{file}: berkas kosong; baris pertama harus berisi judul kolom, misalnya file,label",
        "en": "{file}: the file is empty; its first line must hold the column names, e.g. file,label",
    },
    "suggest.err.no_file_column": {
        "id": "{file}: kolom 'file' tidak ada (kolom yang ada: {columns}); tambahkan kolom 'file' berisi nama berkas esai",
        "en": "{file}: there is no 'file' column (columns found: {columns}); add a 'file' column with each essay's file name",
    },
    "suggest.err.no_label_columns": {
        "id": "{file}: tidak ada kolom label; tambahkan kolom 'label' (0/1 atau skor per esai) atau satu kolom 0/1 per id konsep",
        "en": "{file}: there is no label column; add a 'label' column (0/1 or a score per essay) or one 0/1 column per concept id",
    },
    "suggest.err.unknown_concept": {
        "id": "{file}: kolom '{column}' bukan id konsep rubrik ini (id yang ada: {known})",
        "en": "{file}: column '{column}' is not a concept id of this rubric (ids: {known})",
    },
    "suggest.err.both": {
        "id": "{file}: pakai kolom 'label' atau kolom per konsep, bukan keduanya",
        "en": "{file}: use a 'label' column or one column per concept, not both",
    },
    "suggest.err.no_file_cell": {"id": "{file}:{line}: kolom 'file' kosong", "en": "{file}:{line}: the 'file' cell is empty"},
    "suggest.err.duplicate": {
        "id": "{file}:{line}: esai '{essay}' sudah dinilai di baris {first}",
        "en": "{file}:{line}: essay '{essay}' is already labelled on line {first}",
    },
    "suggest.err.missing_essay": {
        "id": "{file}:{line}: esai '{essay}' tercantum, tetapi tidak ada di folder {folder}",
        "en": "{file}:{line}: essay '{essay}' is listed, but it is not in folder {folder}",
    },
    "suggest.err.unreadable_essay": {"id": "{file}: {reason}", "en": "{file}: {reason}"},
    "suggest.err.no_text": {
        "id": "esai '{essay}': teksnya tidak tersimpan di folder keluaran; beri folder esainya dengan --essays FOLDER",
        "en": "essay '{essay}': its text is not kept in the output folder; give the essays' folder with --essays FOLDER",
    },
    "suggest.err.no_corrections": {
        "id": "{file}: belum ada koreksi untuk dipelajari (baris konsep yang dikoreksi, atau baris * untuk esai yang sudah diperiksa)",
        "en": "{file}: no corrections to learn from yet (rows of corrected concepts, or * rows for essays you reviewed)",
    },
    "suggest.err.not_outdir": {
        "id": "{folder}: tanpa --labels, FOLDER harus folder keluaran rubrika grade yang memuat koreksi.csv dan results.jsonl",
        "en": "{folder}: without --labels, FOLDER must be an output folder of rubrika grade holding koreksi.csv and results.jsonl",
    },
    "suggest.err.no_record": {
        "id": "{file}:{line}: esai '{essay}' tidak ada di {records}",
        "en": "{file}:{line}: essay '{essay}' is not in {records}",
    },
    "suggest.err.not_binary": {
        "id": "{file}:{line}: kolom '{column}' berisi '{value}'; isinya harus 0 atau 1",
        "en": "{file}:{line}: column '{column}' holds '{value}'; it must be 0 or 1",
    },
    "suggest.err.not_number": {
        "id": "{file}:{line}: kolom 'label' berisi '{value}'; isinya harus 0/1 atau angka skor",
        "en": "{file}:{line}: column 'label' holds '{value}'; it must be 0/1 or a score",
    },
    "suggest.err.no_rows": {
        "id": "{file}: tidak ada baris esai di bawah judul kolom",
        "en": "{file}: there are no essay rows below the column names",
    },
    "suggest.err.one_class": {
        "id": "{file}: semua esai jatuh di satu sisi (semua positif atau semua negatif); Anda perlu esai yang benar dan yang salah",
        "en": "{file}: every essay falls on one side (all positive or all negative); you need right and wrong essays",
    },
    "suggest.err.option_concept": {
        "id": "--concept {value}: bukan id konsep rubrik ini (id yang ada: {known})",
        "en": "--concept {value}: not a concept id of this rubric (ids: {known})",
    },
    "suggest.err.threshold_with_concept_labels": {
        "id": "--threshold hanya dipakai dengan skor per esai (kolom 'label')",
        "en": "--threshold is only used with a score per essay (a 'label' column)",
    },
    "suggest.err.concept_with_concept_labels": {
        "id": "--concept hanya dipakai dengan label per esai (kolom 'label')",
        "en": "--concept is only used with one label per essay (a 'label' column)",
    },
}


def t(msg_id: str, lang: str = DEFAULT_LANG, /, **kwargs: object) -> str:
    """Return message ``msg_id`` in ``lang`` (Indonesian when missing), formatted."""
    entry = MESSAGES[msg_id]
    return entry.get(lang, entry[DEFAULT_LANG]).format(**kwargs)
