"""Texts of the pages and API errors of ``rubrika serve``, in Indonesian (default) and English.

Feedback itself (levels, advice, advisories) comes from the engine in the language asked.
Keys starting with ``js.`` are handed to the page scripts as JSON.
"""

from __future__ import annotations

LANGS = ("id", "en")

TEXTS: dict[str, dict[str, str]] = {
    # pages
    "title": {"id": "Rubrika: umpan balik esai", "en": "Rubrika: essay feedback"},
    "skip": {"id": "Langsung ke draf", "en": "Skip to the draft"},
    "nav.student": {"id": "Siswa", "en": "Student"},
    "nav.teacher": {"id": "Guru", "en": "Teacher"},
    "nav.api": {"id": "API", "en": "API"},
    "lang.switch": {"id": "English", "en": "Bahasa Indonesia"},
    "lang.switch_label": {"id": "Switch to English", "en": "Ganti ke Bahasa Indonesia"},
    "rubric": {"id": "Rubrik", "en": "Rubric"},
    "student.heading": {"id": "Periksa drafmu", "en": "Check your draft"},
    "student.intro": {
        "id": "Tulis atau tempel esaimu. Umpan balik diperbarui saat kamu mengetik. Draf hanya disimpan di peramban ini, tidak di server.",
        "en": "Write or paste your essay. Feedback updates as you type. The draft is kept in this browser only, not on the server.",
    },
    "draft.label": {"id": "Draf esai", "en": "Essay draft"},
    "open.label": {"id": "Buka berkas (.txt, .md, .docx, .odt, .pdf)", "en": "Open a file (.txt, .md, .docx, .odt, .pdf)"},
    "download": {"id": "Unduh laporan", "en": "Download report"},
    "clear": {"id": "Kosongkan draf", "en": "Clear the draft"},
    "feedback.heading": {"id": "Umpan balik", "en": "Feedback"},
    "feedback.empty": {"id": "Mulai menulis untuk melihat umpan balik.", "en": "Start writing to see feedback."},
    "teacher.heading": {"id": "Nilai satu kelas", "en": "Grade a class"},
    "teacher.intro": {
        "id": "Unggah berkas esai atau satu .zip (misalnya unduhan “semua kiriman” dari LMS). Hasilnya sama dengan perintah rubrika grade: ikhtisar kelas, laporan per esai, grades.csv, results.jsonl.",
        "en": "Upload essay files or one .zip (e.g. an LMS \"all submissions\" download). You get what the rubrika grade command writes: the class overview, a report per essay, grades.csv, results.jsonl.",
    },
    "teacher.files": {"id": "Berkas esai atau .zip", "en": "Essay files or a .zip"},
    "teacher.submit": {"id": "Nilai", "en": "Grade"},
    "teacher.kept": {
        "id": "Hasil disimpan sementara di server ini selama {hours} jam, lalu dihapus.",
        "en": "Results are kept on this server for {hours} hours, then deleted.",
    },
    "login.heading": {"id": "Kode akses", "en": "Access code"},
    "login.intro": {"id": "Masukkan kode akses yang diberikan gurumu.", "en": "Enter the access code your teacher gave you."},
    "login.submit": {"id": "Masuk", "en": "Enter"},
    "login.wrong": {"id": "Kode akses salah.", "en": "Wrong access code."},
    "invalid.heading": {"id": "Rubrik yang tidak dapat dipakai", "en": "Rubrics that cannot be used"},
    "gain": {"id": "— sampai +{points} poin", "en": "— up to +{points} points"},
    # API errors
    "err.code": {"id": "Kode akses diperlukan atau salah.", "en": "An access code is needed, or it is wrong."},
    "err.rate": {"id": "Terlalu banyak permintaan; tunggu {seconds} detik lalu coba lagi.",
                 "en": "Too many requests; wait {seconds} seconds and try again."},
    "err.busy": {"id": "Server sedang sibuk; coba lagi sebentar lagi.", "en": "The server is busy; try again in a moment."},
    "err.jobs_busy": {"id": "Server sedang menilai kelas lain; coba lagi sebentar lagi.",
                      "en": "The server is grading another class; try again in a moment."},
    "err.body_size": {"id": "Permintaan terlalu besar (batas {limit} byte).",
                      "en": "The request is too large (limit {limit} bytes)."},
    "err.too_long": {"id": "Teks terlalu panjang untuk sebuah esai ({chars} karakter; batas {limit}).",
                     "en": "The text is too long for an essay ({chars} characters; limit {limit})."},
    "err.long_word": {"id": "Teks berisi rangkaian {chars} karakter tanpa spasi (batas {limit}); ini bukan teks esai.",
                      "en": "The text holds a run of {chars} characters without a space (limit {limit}); this is not essay text."},
    "err.binary": {"id": "Teks berisi data biner, bukan tulisan.", "en": "The text holds binary data, not writing."},
    "err.format": {"id": "format berkas {suffix} tidak didukung (gunakan .txt, .md, .docx, .odt, atau .pdf)",
                   "en": "file format {suffix} is not supported (use .txt, .md, .docx, .odt or .pdf)"},
    "err.empty": {"id": "Teks esai kosong.", "en": "The essay text is empty."},
    "err.text_type": {"id": "'text' harus berupa teks.", "en": "'text' must be a string."},
    "err.json": {"id": "Isi permintaan bukan JSON yang sah.", "en": "The request body is not valid JSON."},
    "err.content_type": {
        "id": "Kirim JSON ({{\"text\": ...}}) atau multipart/form-data dengan berkas 'file'.",
        "en": "Send JSON ({{\"text\": ...}}) or multipart/form-data with a 'file'.",
    },
    "err.no_input": {"id": "Kirim 'text' atau berkas 'file'.", "en": "Send 'text' or a 'file'."},
    "err.rubric": {"id": "Rubrik '{rubric}' tidak dikenal. Rubrik yang ada: {known}.",
                   "en": "Unknown rubric '{rubric}'. Rubrics offered: {known}."},
    "err.lang": {"id": "Bahasa '{value}' tidak didukung (id atau en).", "en": "Language '{value}' is not supported (id or en)."},
    "err.file": {"id": "{name}: {reason}", "en": "{name}: {reason}"},
    "err.form": {"id": "Unggahan tidak dapat dibaca ({reason}).", "en": "The upload cannot be read ({reason})."},
    "err.too_many_files": {"id": "Terlalu banyak berkas (batas {limit}).", "en": "Too many files (limit {limit})."},
    "err.no_files": {"id": "Pilih paling sedikit satu berkas esai atau .zip.", "en": "Choose at least one essay file or .zip."},
    "err.no_essays": {"id": "Tidak ada esai yang dapat dinilai dalam unggahan ini.", "en": "There is no essay to grade in this upload."},
    "err.job": {"id": "Pekerjaan penilaian tidak ditemukan (mungkin sudah dihapus).",
                "en": "Grading job not found (it may have been deleted)."},
    "err.not_found": {"id": "Halaman tidak ditemukan.", "en": "Page not found."},
    "err.method": {"id": "Metode tidak diizinkan.", "en": "Method not allowed."},
    "err.host": {"id": "Nama host tidak diizinkan.", "en": "Host name not allowed."},
    "err.origin": {"id": "Permintaan dari situs lain ditolak.", "en": "Requests from another site are refused."},
    "err.internal": {"id": "Terjadi kesalahan internal; esai tidak diperiksa.",
                     "en": "An internal error occurred; the essay was not checked."},
    "err.not_ready": {"id": "Penilaian belum selesai.", "en": "Grading has not finished."},
    # page scripts
    "draft.restore": {"id": "Kembalikan draf sebelumnya", "en": "Restore the previous draft"},
    "rubric_option": {"id": "{title} (versi {version})", "en": "{title} (version {version})"},
    "rubric_option_origin": {"id": "{title} (versi {version}, {origin})", "en": "{title} (version {version}, {origin})"},
    "rubric_builtin": {"id": "bawaan", "en": "built-in"},
    "draft.name": {"id": "Namamu (untuk laporan)", "en": "Your name (for the report)"},
    "js.ask_name": {"id": "Tulis namamu dulu agar laporan ini memuat namamu.",
                    "en": "Write your name first, so that the report carries it."},
    "js.report_file": {"id": "umpan-balik-{name}.html", "en": "feedback-{name}.html"},
    "draft.kept": {"id": "Draf yang kamu ketik sebelum membuka berkas ini masih disimpan.",
             "en": "The draft you typed before opening this file is still kept."},
    "js.restored": {"id": "Draf sebelumnya dikembalikan.", "en": "The previous draft is back."},
    "js.bar_now": {"id": "Sekarang {status}: {label}", "en": "Now {status}: {label}"},
    "js.bar_next": {"id": "Berikutnya: {label}", "en": "Next: {label}"},
    "js.checking": {"id": "Memeriksa…", "en": "Checking…"},
    "js.updated": {"id": "Umpan balik diperbarui.", "en": "Feedback updated."},
    "js.offline": {"id": "Server tidak dapat dihubungi.", "en": "The server cannot be reached."},
    "js.total": {"id": "Skor total", "en": "Total score"},
    "js.grade": {"id": "Predikat", "en": "Grade"},
    "js.words": {"id": "{words} kata, {sentences} kalimat", "en": "{words} words, {sentences} sentences"},
    "js.next": {"id": "Langkah berikutnya", "en": "Next steps"},
    "js.advisories": {"id": "Catatan", "en": "Advisories"},
    "js.criteria": {"id": "Kriteria", "en": "Criteria"},
    "js.points": {"id": "poin", "en": "points"},
    "js.show": {"id": "Tunjukkan kalimatnya", "en": "Show the sentence"},
    "js.opened": {"id": "Berkas {name} dibuka.", "en": "Opened {name}."},
    "js.opening": {"id": "Membuka berkas…", "en": "Opening the file…"},
    "js.downloading": {"id": "Menyiapkan laporan…", "en": "Preparing the report…"},
    "js.ask_clear": {"id": "Kosongkan draf? Teksnya akan hilang dari peramban ini.",
                     "en": "Clear the draft? Its text will be gone from this browser."},
    "js.confirm_clear": {"id": "Draf dikosongkan.", "en": "Draft cleared."},
    "js.uploading": {"id": "Mengunggah…", "en": "Uploading…"},
    "js.progress": {"id": "{done} dari {total} esai dinilai", "en": "{done} of {total} essays graded"},
    "js.done": {"id": "Sebanyak {count} esai dinilai, {failed} tidak dapat dibaca; rata-rata skor {average}.",
                "en": "{count} essays graded, {failed} could not be read; average {average}."},
    "js.refused": {"id": "Tidak diekstrak dari arsip", "en": "Not extracted from the archive"},
    "js.download_zip": {"id": "Unduh hasil (.zip)", "en": "Download results (.zip)"},
    "js.open_overview": {"id": "Buka ikhtisar kelas di tab baru", "en": "Open the class overview in a new tab"},
    "js.overview": {"id": "Ikhtisar kelas", "en": "Class overview"},
    "js.student": {"id": "Siswa", "en": "Student"},
    "js.score": {"id": "Skor", "en": "Score"},
    "js.report": {"id": "Laporan", "en": "Report"},
    "js.warnings": {"id": "Peringatan", "en": "Warnings"},
    "js.error": {"id": "Galat", "en": "Error"},
    "js.failed": {"id": "Penilaian gagal.", "en": "Grading failed."},
}


def text(key: str, lang: str, /, **params) -> str:
    entry = TEXTS[key]
    value = entry.get(lang) or entry["id"]
    return value.format(**params) if params else value.replace("{{", "{").replace("}}", "}")


def script_texts(lang: str) -> dict[str, str]:
    return {key[3:]: text(key, lang) for key in TEXTS if key.startswith("js.")}
