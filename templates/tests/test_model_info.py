"""main_usage: the one reader of metadata.json's memory.functions.main, for both kinds of project."""

import unittest

from microtvm_template_common.model_info import main_usage
from microtvm_template_common.project_api_server import ServerError


class FakeArchive:
    """Only what the readers' error messages use of an MlfArchive."""
    path = "model.tar"


def _module(main):
    return {"memory": {"functions": {"main": main}}}


class MainUsageTest(unittest.TestCase):
    def test_the_device_1_entry_is_chosen(self):
        host = {"device": 1, "inputs": {"a": {}}, "outputs": {"b": {}}}
        other = {"device": 2, "inputs": {}, "outputs": {}}
        self.assertIs(host, main_usage(FakeArchive(), _module([other, host])))

    def test_without_a_device_1_entry_the_first_is_chosen(self):
        first = {"device": 3, "inputs": {}, "outputs": {}}
        self.assertIs(first, main_usage(FakeArchive(), _module([first, {"device": 4}])))

    def test_missing_or_empty_main_is_refused(self):
        with self.assertRaisesRegex(ServerError, "model.tar: metadata.json lacks memory.functions.main"):
            main_usage(FakeArchive(), {"memory": {}})
        with self.assertRaisesRegex(ServerError, "memory.functions.main is empty"):
            main_usage(FakeArchive(), _module([]))

    def test_an_old_export_is_refused_by_the_callers_own_error(self):
        def unsupported(archive, what):
            return ServerError(f"{archive.path}: {what}. (caller's words)")

        with self.assertRaises(ServerError) as raised:
            main_usage(FakeArchive(), _module([{"device": 1}]), unsupported)
        self.assertIn("no input/output sizes", str(raised.exception))
        self.assertIn("(caller's words)", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
