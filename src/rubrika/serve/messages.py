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
    "invalid.unavailable": {"id": "Rubrik ini belum dapat dipakai. Gurumu dapat melihat alasannya di halaman Guru.",
                            "en": "This rubric cannot be used yet. Your teacher can see why on the Teacher page."},
    "invalid.link": {"id": "tautan simbolik ke berkas di luar folder rubrik; tidak dibaca",
                     "en": "symbolic link to a file outside the rubric folder; not read"},
    "gain": {"id": "— sampai +{points} poin", "en": "— up to +{points} points"},
    # API errors
    "err.code": {"id": "Kode akses diperlukan atau salah.", "en": "An access code is needed, or it is wrong."},
    "err.code_wait": {"id": "Terlalu banyak kode akses yang salah dari perangkat ini. Tunggu {seconds} detik, lalu coba lagi.",
                      "en": "Too many wrong access codes from this device. Wait {seconds} seconds, then try again."},
    "err.rate": {"id": "Terlalu banyak permintaan; tunggu {seconds} detik lalu coba lagi.",
                 "en": "Too many requests; wait {seconds} seconds and try again."},
    "err.busy": {"id": "Server sedang sibuk; coba lagi sebentar lagi.", "en": "The server is busy; try again in a moment."},
    "err.jobs_busy": {"id": "Server sedang menilai kelas lain; coba lagi sebentar lagi.",
                      "en": "The server is grading another class; try again in a moment."},
    "err.job_limit": {
        "id": "Sudah ada {count} hasil penilaian dari perangkat ini di server (batas {limit}). Hasil dihapus otomatis "
              "{hours} jam setelah selesai; setelah itu Anda dapat mengunggah lagi.",
        "en": "This device already has {count} grading results on the server (limit {limit}). Results are deleted "
              "{hours} hours after they finish; then you can upload again.",
    },
    "err.jobs_full": {"id": "Server sedang menyimpan terlalu banyak hasil penilaian. Coba lagi nanti.",
                      "en": "The server is keeping too many grading results. Try again later."},
    "err.job_failed": {
        "id": "Penilaian gagal karena kesalahan di server. Coba unggah sekali lagi; jika gagal lagi, beri tahu pengelola server.",
        "en": "Grading failed because of an error on the server. Try the upload once more; if it fails again, tell "
              "whoever runs the server.",
    },
    "err.body_size": {"id": "Permintaan terlalu besar (batas {limit} byte).",
                      "en": "The request is too large (limit {limit} bytes)."},
    "err.too_slow": {"id": "Permintaan terkirim terlalu lambat sehingga dihentikan. Periksa sambungan internet, lalu coba lagi.",
                     "en": "The request arrived too slowly and was stopped. Check the connection, then try again."},
    "err.http": {"id": "Permintaan tidak dapat diproses (HTTP {status}).",
                 "en": "The request cannot be handled (HTTP {status})."},
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
    "err.form": {"id": "Unggahan tidak dapat dibaca: bentuk multipart/form-data-nya rusak.",
                 "en": "The upload cannot be read: its multipart/form-data is malformed."},
    "err.too_many_files": {"id": "Terlalu banyak berkas (batas {limit}).", "en": "Too many files (limit {limit})."},
    "err.too_many_fields": {"id": "Unggahan berisi terlalu banyak kolom (batas {limit}).",
                            "en": "The upload has too many fields (limit {limit})."},
    "err.part_size": {"id": "Salah satu bagian unggahan terlalu besar (batas {limit} byte).",
                      "en": "One part of the upload is too large (limit {limit} bytes)."},
    "err.upload_total": {
        "id": "unggahan ini melewati batas {limit} byte untuk semua berkas dan arsip bersama-sama; berkas ini tidak disimpan",
        "en": "this upload exceeds the limit of {limit} bytes for all its files and archives together; this file was not saved",
    },
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
    # the command (its other lines are in rubrika.serve.command)
    "cmd.code_short": {"id": "kode akses perlu paling sedikit 4 karakter", "en": "the access code needs at least 4 characters"},
    "cmd.port_busy": {
        "id": "Port {port} di {host} sudah dipakai program lain (mungkin Rubrika yang masih berjalan). Pilih port lain, "
              "misalnya --port {other}.",
        "en": "Port {port} on {host} is already used by another program (perhaps a Rubrika still running). Choose "
              "another port, e.g. --port {other}.",
    },
    "cmd.port_denied": {"id": "Port {port} hanya boleh dibuka administrator. Pilih port lain, misalnya --port 8000.",
                        "en": "Port {port} may only be opened by an administrator. Choose another port, e.g. --port 8000."},
    "cmd.not_this_host": {"id": "Alamat {host} bukan milik komputer ini. Gunakan --host 127.0.0.1 atau --host 0.0.0.0.",
                          "en": "The address {host} does not belong to this computer. Use --host 127.0.0.1 or --host 0.0.0.0."},
    "cmd.unknown_host": {"id": "Nama host {host} tidak dikenal. Gunakan alamat seperti 127.0.0.1 atau 0.0.0.0.",
                         "en": "The host name {host} is unknown. Use an address such as 127.0.0.1 or 0.0.0.0."},
    "cmd.cannot_listen": {"id": "Rubrika tidak dapat membuka {host}:{port}. Pilih port lain dengan --port.",
                          "en": "Rubrika cannot listen on {host}:{port}. Choose another port with --port."},
    # page scripts
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
    "js.error": {"id": "Galat", "en": "Error"},
    "js.failed": {"id": "Penilaian gagal.", "en": "Grading failed."},
}


def text(key: str, lang: str, /, **params) -> str:
    entry = TEXTS[key]
    value = entry.get(lang) or entry["id"]
    return value.format(**params) if params else value.replace("{{", "{").replace("}}", "}")


def script_texts(lang: str) -> dict[str, str]:
    return {key[3:]: text(key, lang) for key in TEXTS if key.startswith("js.")}
