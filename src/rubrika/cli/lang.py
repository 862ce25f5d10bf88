"""The command line in the user's language: help texts and Click's own messages.

Click marks its messages for gettext ("Missing argument", "Usage:", "does not exist",
...) and every Rubrika command and option has an English help text. Both go through one
catalogue here, keyed by the English text as gettext is: ``CATALOGUE["id"]``.

The language is chosen once at start-up, before Click parses anything (a usage error
is reported before any option has a value): ``--lang id|en`` / ``--lang=...`` anywhere
on the command line, else ``RUBRIKA_LANG``, else Indonesian. ``LocalizedGroup.main``
then sets every command's and option's help text and installs a
``gettext.NullTranslations`` subclass as the ``_``/``ngettext`` of Click's modules;
English restores Click's own functions. A test keeps every help text of the command
tree in the catalogue.
"""

from __future__ import annotations

import gettext
import importlib
import inspect
import os
import sys
from collections.abc import Sequence

import click

from rubrika.messages.i18n import DEFAULT_LANG, LANGUAGES

ENV = "RUBRIKA_LANG"
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
                 "_termui_impl", "shell_completion")

# --- Click's messages (msgid -> Indonesian); plural forms are one form in Indonesian ----------
_CLICK_ID = {
    "Usage:": "Cara pakai:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan pesan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Error: {message}": "Kesalahan: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Missing argument": "Kurang argumen",
    "Missing option": "Kurang opsi",
    "Missing parameter": "Kurang parameter",
    "Missing command.": "Perintah tidak ada.",
    "Missing {param_type}": "{param_type} tidak ada",
    "Missing parameter: {param_name}": "Parameter tidak ada: {param_name}",
    "argument": "argumen",
    "option": "opsi",
    "parameter": "parameter",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such option: {name}": "Tidak ada opsi: {name}",
    "Did you mean {possibility}?": "Mungkin maksud Anda {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mungkin maksud Anda salah satu dari: {possibilities}?)",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Got unexpected extra argument ({args})": "Ada argumen lebih yang tidak diharapkan ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen lebih yang tidak diharapkan ({args})",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "Takes {nargs} values but 1 was given.": "Memerlukan {nargs} nilai, tetapi hanya 1 yang diberikan.",
    "Takes {nargs} values but {len} were given.": "Memerlukan {nargs} nilai, tetapi {len} yang diberikan.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} tidak berada dalam rentang {range}.",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "{value!r} does not match the format {format}.": "{value!r} tidak sesuai format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} tidak sesuai format {formats}.",
    "{value!r} is not a valid boolean.": "{value!r} bukan nilai boolean yang sah.",
    "{len_type} values are required, but {len_value} was given.":
        "{len_type} nilai diperlukan, tetapi {len_value} yang diberikan.",
    "{len_type} values are required, but {len_value} were given.":
        "{len_type} nilai diperlukan, tetapi {len_value} yang diberikan.",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "integer": "bilangan bulat",
    "float": "bilangan",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "required": "wajib",
    "deprecated": "usang",
    "(dynamic)": "(dinamis)",
    "Aborted!": "Dibatalkan!",
    "Error: invalid input": "Kesalahan: masukan tidak sah",
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "Kesalahan: kedua nilai yang dimasukkan tidak sama.",
    "Do you want to continue?": "Lanjutkan?",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan...",
    "unknown error": "kesalahan tidak dikenal",
}

# --- Rubrika's help texts (English, as written in the code -> Indonesian) --------------------
_HELP_ID = {
    # rubrika
    "Rubrika: feedback on Indonesian essays from a rubric.\n\n\b\nStudents: rubrika check draf.txt "
    "[-o umpan-balik.html]\nTeachers: rubrika grade tugas/ -o laporan/\nRubric authors: rubrika rubric "
    "validate rubrik.yaml":
        "Rubrika: umpan balik untuk esai berbahasa Indonesia berdasarkan rubrik.\n\n\b\n"
        "Siswa: rubrika check draf.txt [-o umpan-balik.html]\nGuru: rubrika grade tugas/ -o laporan/\n"
        "Penyusun rubrik: rubrika rubric validate rubrik.yaml",
    "Check essay FILES (.txt, .md, .docx, .odt, .pdf) against the rubric.":
        "Periksa berkas esai FILES (.txt, .md, .docx, .odt, .pdf) dengan rubrik. Untuk satu folder esai, "
        "pakai: rubrika grade FOLDER.",
    "Grade every essay under FOLDER (or in a .zip): OUTDIR/index.html, essays/*.html, grades.csv, results.jsonl.":
        "Nilai setiap esai di dalam FOLDER (atau di dalam .zip): OUTDIR/index.html, essays/*.html, grades.csv, results.jsonl.",
    "Print the JSON Schema of result records (result) or of rubric files (rubric).":
        "Cetak JSON Schema rekaman hasil (result) atau berkas rubrik (rubric).",
    "Work with rubric files.": "Bekerja dengan berkas rubrik.",
    "Check a rubric FILE (no FILE: the built-in rubric) and list every problem with its line and column.\n\nThe example sentences of every "
    "concept are run too: an example that does not\ngive the status it promises is an error.":
        "Periksa berkas rubrik FILE (tanpa FILE: rubrik bawaan) dan tampilkan setiap masalah beserta baris dan "
        "kolomnya.\n\nKalimat contoh setiap konsep juga dijalankan: contoh yang tidak memberi status yang\n"
        "dijanjikannya dihitung sebagai kesalahan.",
    "Print the JSON Schema of rubric files (editors use it to complete and check).":
        "Cetak JSON Schema berkas rubrik (dipakai editor untuk melengkapi dan memeriksa).",
    "Write an editable, commented copy of the built-in rubric (or of --from FILE) to DEST.":
        "Tulis salinan rubrik bawaan (atau --from FILE) yang bisa diubah dan diberi komentar ke DEST.",
    "Print a rubric's criteria, weights, concepts and terms (default: the built-in one).":
        "Cetak kriteria, bobot, konsep, dan istilah sebuah rubrik (bawaan: rubrik bawaan).",
    "Run every concept's example sentences; exit 1 if any gives the wrong status.":
        "Jalankan kalimat contoh setiap konsep; keluar dengan kode 1 jika ada yang memberi status salah.",
    "Show why each concept of rubric FILE was or was not found in ESSAY (\"builtin\" for the built-in rubric).":
        "Tunjukkan mengapa setiap konsep rubrik FILE ditemukan atau tidak di ESSAY (\"builtin\" untuk rubrik "
        "bawaan).",
    "Store hashed 8-word sequences of ARTICLE (never its text) so copying can be found.":
        "Simpan hash rangkaian 8 kata dari ARTICLE (tidak pernah teksnya) agar penyalinan dapat ditemukan.",
    "Export a rubric as an LMS rubric CSV (criteria x levels x points).":
        "Ekspor rubrik sebagai CSV rubrik LMS (kriteria x level x poin).",
    # options
    "Rubric YAML file (default: the built-in rubric).": "Berkas rubrik YAML (bawaan: rubrik bawaan).",
    "text: a readable summary; json: one result record per line.":
        "text: ringkasan yang mudah dibaca; json: satu rekaman hasil per baris.",
    "Also write an HTML feedback report to this file (one essay only).":
        "Tulis juga laporan umpan balik HTML ke berkas ini (hanya untuk satu esai).",
    "Refuse essay files larger than this many megabytes.": "Tolak berkas esai yang lebih besar dari sekian megabita.",
    "A source text (e.g. the article) whose copying is looked for; repeatable.":
        "Teks sumber (misalnya artikelnya) yang dicari salinannya; boleh diulang.",
    "Language of messages and feedback (id = Indonesian, en = English).":
        "Bahasa pesan dan umpan balik (id = bahasa Indonesia, en = bahasa Inggris).",
    "Show the Python traceback of internal errors.": "Tampilkan jejak Python (traceback) kesalahan internal.",
    "Folder for the reports.": "Folder untuk laporan.",
    "No progress bar and no summary line.": "Tanpa bilah kemajuan dan tanpa baris ringkasan.",
    "Start from this rubric instead of the built-in one.": "Mulai dari rubrik ini, bukan dari rubrik bawaan.",
    "Overwrite DEST if it exists.": "Timpa DEST jika sudah ada.",
    "List the examples that pass too.": "Tampilkan juga contoh yang lulus.",
    "Explain only this concept (its id).": "Jelaskan hanya konsep ini (id-nya).",
    "Add the fingerprint to this rubric file's 'sources:' list (made if it has none).":
        "Tambahkan sidik jari ke daftar 'sources:' di berkas rubrik ini (daftar itu dibuat bila belum ada).",
    "A name for the source (default: the file name).": "Nama sumber (bawaan: nama berkas).",
    "canvas: one row per criterion, ratings side by side; long: one row per criterion and level.":
        "canvas: satu baris per kriteria, level berdampingan; long: satu baris per kriteria dan level.",
    "Write the CSV here instead of printing it.": "Tulis CSV ke sini alih-alih mencetaknya.",
    "Serve the Rubrika page: students check drafts as they type, teachers grade a class.\n\n\b\n"
    "rubrika serve                          http://127.0.0.1:8000/ on this computer only\n"
    "rubrika serve --host 0.0.0.0 --code X  for a class on the same network (code X)":
        "Jalankan halaman Rubrika: siswa memeriksa draf sambil menulis, guru menilai satu kelas.\n\n\b\n"
        "rubrika serve                          http://127.0.0.1:8000/ hanya di komputer ini\n"
        "rubrika serve --host 0.0.0.0 --code X  untuk satu kelas di jaringan yang sama (kode X)",
    "A folder of rubric YAML files to offer besides the built-in ones.":
        "Folder berisi berkas rubrik YAML yang ditawarkan selain rubrik bawaan.",
    "Address to listen on; anything but 127.0.0.1/localhost requires an access code.":
        "Alamat yang didengarkan; selain 127.0.0.1/localhost memerlukan kode akses.",
    "Default language of the pages and feedback (id = Indonesian, en = English).":
        "Bahasa bawaan halaman dan umpan balik (id = bahasa Indonesia, en = bahasa Inggris).",
    "Access code for --host other than 127.0.0.1 (default: one is generated and printed).":
        "Kode akses untuk --host selain 127.0.0.1 (bawaan: dibuat dan dicetak otomatis).",
    "Checks and uploads per minute per client address.": "Jumlah pemeriksaan dan unggahan per menit untuk tiap alamat klien.",
    "Worker processes that check essays (default: every usable core).":
        "Jumlah proses pekerja yang memeriksa esai (bawaan: semua inti prosesor yang bisa dipakai).",
    "Run the checks on a Dask cluster (needs rubrika[dask]); essays must be on a path the workers share.":
        "Jalankan pemeriksaan di klaster Dask (perlu rubrika[dask]); esai harus berada di jalur yang dapat "
        "dibaca semua pekerja.",
    "Write into OUTDIR even when it holds files Rubrika did not write (they may be overwritten).":
        "Tetap tulis ke OUTDIR walaupun berisi berkas yang bukan buatan Rubrika (berkas itu bisa tertimpa).",
    "Learn from essays graded by hand (a labels CSV) or from the teacher's corrections in an\noutput folder (koreksi.csv): term precision and recall, new terms, risky matches.":
        "Belajar dari esai yang sudah dinilai tangan (CSV label) atau dari koreksi guru di folder keluaran (koreksi.csv): presisi dan cakupan tiap istilah, istilah baru, kecocokan berisiko.",
    "CSV: a 'file' column (relative to FOLDER), then 'label' (0/1 or a score) or one 0/1 column per concept id. Without it, FOLDER is an output folder of 'rubrika grade': its koreksi.csv gives the labels.":
        "CSV: kolom 'file' (relatif terhadap FOLDER), lalu 'label' (0/1 atau skor) atau satu kolom 0/1 per id konsep. Tanpa opsi ini, FOLDER adalah folder keluaran 'rubrika grade': koreksi.csv di dalamnya memberi labelnya.",
    "Without --labels: read the essays from this folder (default: the texts graded into FOLDER).":
        "Tanpa --labels: baca esai dari folder ini (bawaan: teks yang dinilai ke FOLDER).",
    "Write a new version of the rubric here, with the candidates that pass added.":
        "Tulis versi baru rubrik ke sini, dengan kandidat yang lolos ditambahkan.",
    "A candidate is added with -o when at least this share of the essays holding it are positive.":
        "Kandidat ditambahkan dengan -o bila sekurang-kurangnya bagian ini dari esai yang memuatnya positif.",
    "... and at least this many positive essays hold it.": "… dan sekurang-kurangnya sebanyak ini esai positif memuatnya.",
    "With scores in 'label': a score >= this is positive (default: the median score).":
        "Bila 'label' berisi skor: skor >= nilai ini dianggap positif (bawaan: median skor).",
    "With one label per essay: add every candidate to this concept (default: the concept it occurs with most).":
        "Dengan satu label per esai: tambahkan setiap kandidat ke konsep ini (bawaan: konsep yang paling sering muncul bersamanya).",
}

CATALOGUE: dict[str, dict[str, str]] = {"id": {**_CLICK_ID, **_HELP_ID}}


class Catalogue(gettext.NullTranslations):
    """A gettext translation from a dict; messages it does not know stay as they are."""

    def __init__(self, messages: dict[str, str]):
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        return self.messages.get(chosen, chosen)


def language_from(argv: Sequence[str], environ=os.environ) -> str:
    """The language a command line asks for: --lang, else RUBRIKA_LANG, else Indonesian."""
    lang = environ.get(ENV) or DEFAULT_LANG
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGUAGES else DEFAULT_LANG


def install_click_messages(lang: str) -> None:
    """Click's messages in ``lang``: its modules' ``_`` and ``ngettext`` point at the catalogue."""
    translations = Catalogue(CATALOGUE[lang]) if lang in CATALOGUE else None
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a Click without that module
            continue
        if hasattr(module, "_"):
            setattr(module, "_", translations.gettext if translations else gettext.gettext)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", translations.ngettext if translations else gettext.ngettext)


def _english(thing) -> str | None:
    """The English help text of a command or parameter, kept the first time it is translated."""
    if not hasattr(thing, "_rubrika_help_en"):
        thing._rubrika_help_en = inspect.cleandoc(thing.help) if getattr(thing, "help", None) else None
    return thing._rubrika_help_en


def _commands(command: click.Command):
    todo = [command]
    while todo:
        current = todo.pop()
        yield current
        if isinstance(current, click.Group):
            todo.extend(current.commands.values())


def help_texts(command: click.Command):
    """Every command and option of the tree that has a help text: (object, English text)."""
    for current in _commands(command):
        if _english(current):
            yield current, _english(current)
        for param in current.params:
            if isinstance(param, click.Option) and _english(param):
                yield param, _english(param)


def localize_help(command: click.Command, lang: str) -> None:
    """Help texts, and the names of path types ("file 'x' does not exist"), which Click
    translates once when the type is made, in ``lang``."""
    messages = CATALOGUE.get(lang, {})
    for thing, english in help_texts(command):
        thing.help = messages.get(english, english)
    for current in _commands(command):
        if getattr(current, "_help_option", None) is not None:
            current._help_option = None  # Click keeps the --help option it made, with its text, per command
        for param in current.params:
            kind = param.type
            if isinstance(kind, click.Path):
                name = "file" if kind.file_okay and not kind.dir_okay else \
                    "directory" if kind.dir_okay and not kind.file_okay else "path"
                kind.name = messages.get(name, name)


def use_language(command: click.Command, lang: str) -> None:
    """Help texts and Click's messages in ``lang``, for this run."""
    localize_help(command, lang)
    install_click_messages(lang)


class LocalizedGroup(click.Group):
    """The top-level group: picks the language from the command line before Click parses it."""

    def main(self, args: Sequence[str] | None = None, *rest, **kwargs):
        use_language(self, language_from(sys.argv[1:] if args is None else args))
        return super().main(args, *rest, **kwargs)
