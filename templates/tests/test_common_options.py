"""The options both templates declare, declared once, and the checks their values share."""

import unittest

from microtvm_template_common import common_options, option_values
from microtvm_template_common.project_api_server import ServerError
from tests.server_process import TEMPLATES_DIR, ServerProcess


class MakeWordsTest(unittest.TestCase):
    def test_words_are_split_like_a_shell_would(self):
        self.assertEqual(["-O2", "-DNAME=a b"],
                         common_options.get_make_words({"cflags": "-O2 '-DNAME=a b'"}, "cflags", None))

    def test_unset_gives_the_default(self):
        self.assertEqual(["-O2"], common_options.get_make_words({}, "cflags", ["-O2"]))
        self.assertIsNone(common_options.get_make_words({"cflags": None}, "cflags", None))

    def test_a_line_break_is_refused_naming_the_option(self):
        with self.assertRaises(ServerError) as raised:
            common_options.get_make_words({"cc": "gcc '-Dx\ny'"}, "cc", None)
        self.assertIn("option cc: line breaks are not allowed", str(raised.exception))
        with self.assertRaises(ServerError):
            common_options.one_line("toolchain_prefix", "arm-\r")

    def test_one_line_keeps_the_value(self):
        self.assertEqual("arm-none-eabi-", common_options.one_line("toolchain_prefix", "arm-none-eabi-"))
        self.assertIsNone(common_options.one_line("toolchain_prefix", None))


class VerboseOptionTest(unittest.TestCase):
    def test_both_templates_declare_the_one_verbose_option(self):
        expected = common_options.VERBOSE.to_json()
        for template in ("host", "qemu-arm"):
            with self.subTest(template=template), ServerProcess(TEMPLATES_DIR / template) as server:
                info = server.call("server_info_query", tvm_version="0.18.0")
                verbose = [o for o in info["project_options"] if o["name"] == "verbose"]
                self.assertEqual([expected], verbose)

    def test_tvm_strings_for_booleans_are_read(self):
        # tvmc sends option values as strings: "false" must be false.
        self.assertIs(False, option_values.get_bool({"verbose": "false"}, "verbose", True))
        self.assertIs(True, option_values.get_bool({"verbose": "true"}, "verbose", False))
        self.assertIs(True, option_values.get_bool({}, "verbose", True))


if __name__ == "__main__":
    unittest.main()
