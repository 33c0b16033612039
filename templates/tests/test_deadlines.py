"""deadlines: the Project API's timeout_sec, checked, and deadlines counted from it."""

import time
import unittest

from microtvm_template_common.deadlines import checked_timeout, deadline_after, remaining
from microtvm_template_common.project_api_server import ServerError


class CheckedTimeoutTest(unittest.TestCase):
    def test_null_means_no_timeout(self):
        self.assertIsNone(checked_timeout(None))

    def test_numbers_become_float_seconds(self):
        self.assertEqual(0.0, checked_timeout(0))
        self.assertEqual(2.5, checked_timeout(2.5))
        self.assertIsInstance(checked_timeout(3), float)

    def test_anything_else_is_refused_naming_what_was_given(self):
        for bad in (-1, -0.5, True, "1", [1]):
            with self.subTest(bad=bad), self.assertRaises(ServerError) as raised:
                checked_timeout(bad)
            self.assertIn(f"timeout_sec must be null or a number >= 0, got {bad!r}", str(raised.exception))


class DeadlineTest(unittest.TestCase):
    def test_no_timeout_no_deadline(self):
        self.assertIsNone(deadline_after(None))
        self.assertIsNone(remaining(None))

    def test_remaining_counts_down_to_zero_and_stays_there(self):
        deadline = deadline_after(60)
        self.assertLessEqual(remaining(deadline), 60)
        self.assertGreater(remaining(deadline), 0)
        self.assertEqual(0.0, remaining(time.monotonic() - 5))

    def test_a_negative_timeout_is_due_now(self):
        self.assertEqual(0.0, remaining(deadline_after(-3)))


if __name__ == "__main__":
    unittest.main()
