/* loaderconf_test.c - host unit tests of the loader.conf parser and writer */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "loaderconf.h"
#include "t.h"

static int
parse(struct loaderconf *c, const char *s, unsigned *line)
{
	return lc_parse(c, s, strlen(s), line);
}

T_TEST(defaults_from_empty_file)
{
	struct loaderconf c;

	T_ASSERT(parse(&c, "", NULL) == LC_OK);
	T_ASSERT(c.default_slot == 'a' && c.fallback_slot == 'a');
	T_ASSERT(c.tries == 3 && c.timeout == 0 && c.cmdline[0] == '\0');
	T_ASSERT(c.slot[0].state == LC_STATE_CONFIRMED);
	T_ASSERT(c.slot[1].state == LC_STATE_CONFIRMED);
}

T_TEST(parses_every_key)
{
	struct loaderconf c;
	const char *text =
	    "# comment\n"
	    "\n"
	    "default b\n"
	    "fallback a\r\n"
	    "  tries\t5  \n"
	    "timeout 2\n"
	    "cmdline console=ttyS0  rustux.test=kernel \n"
	    "slot-a-version 0.1.0-1\n"
	    "slot-a-state confirmed\n"
	    "slot-b-version 0.2.0-1\n"
	    "slot-b-state new\n"
	    "slot-b-tries 2\n";

	T_ASSERT(parse(&c, text, NULL) == LC_OK);
	T_ASSERT(c.default_slot == 'b' && c.fallback_slot == 'a');
	T_ASSERT(c.tries == 5 && c.timeout == 2);
	T_ASSERT(strcmp(c.cmdline, "console=ttyS0  rustux.test=kernel") == 0);
	T_ASSERT(strcmp(c.slot[0].version, "0.1.0-1") == 0);
	T_ASSERT(strcmp(c.slot[1].version, "0.2.0-1") == 0);
	T_ASSERT(c.slot[1].state == LC_STATE_NEW && c.slot[1].tries == 2);
}

T_TEST(new_slot_without_tries_gets_global_tries)
{
	struct loaderconf c;

	T_ASSERT(parse(&c, "slot-a-state new\ntries 4\n", NULL) == LC_OK);
	T_ASSERT(c.slot[0].tries == 4);
}

T_TEST(rejects_bad_values_with_line)
{
	static const struct {
		const char *text;
		int err;
		unsigned line;
	} cases[] = {
		{ "default c\n", LC_ERR_BAD_SLOT, 1 },
		{ "\ndefault ab\n", LC_ERR_BAD_SLOT, 2 },
		{ "tries 100\n", LC_ERR_BAD_NUMBER, 1 },
		{ "tries -1\n", LC_ERR_BAD_NUMBER, 1 },
		{ "tries 99999999999999999999\n", LC_ERR_BAD_NUMBER, 1 },
		{ "timeout 601\n", LC_ERR_BAD_NUMBER, 1 },
		{ "tries\n", LC_ERR_NO_VALUE, 1 },
		{ "slot-a-state broken\n", LC_ERR_BAD_STATE, 1 },
		{ "slot-c-state new\n", LC_ERR_BAD_SLOT, 1 },
		{ "slot-a-version has space\n", LC_ERR_BAD_VERSION, 1 },
		{ "slot-a-version 0123456789012345678901234567890123\n",
		  LC_ERR_BAD_VERSION, 1 },
		{ "Default a\n", LC_ERR_BAD_KEY, 1 },
		{ "default a\ndefault b\n", LC_ERR_DUPLICATE, 2 },
		{ "slot-b-tries 1\nslot-b-tries 1\n", LC_ERR_DUPLICATE, 2 },
		{ "cmdline caf\xc3\xa9\n", LC_ERR_BAD_BYTE, 1 },
		{ "x 1\ny\x01 2\n", LC_ERR_BAD_BYTE, 2 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct loaderconf c;
		unsigned line = 99;
		int err = parse(&c, cases[i].text, &line);

		if (err != cases[i].err || line != cases[i].line)
			printf("# case %zu: err %d (%s) line %u\n", i, err,
			    lc_strerror(err), line);
		T_ASSERT(err == cases[i].err);
		T_ASSERT(line == cases[i].line);
	}
}

T_TEST(rejects_nul_byte)
{
	struct loaderconf c;
	unsigned line;

	T_ASSERT(lc_parse(&c, "default a\0b\n", 12, &line) == LC_ERR_BAD_BYTE);
	T_ASSERT(line == 1);
}

T_TEST(rejects_oversized_input)
{
	static char big[LC_TEXT_MAX + 2];
	struct loaderconf c;

	memset(big, '#', sizeof(big));
	T_ASSERT(lc_parse(&c, big, sizeof(big), NULL) == LC_ERR_TOO_LONG);
	T_ASSERT(lc_parse(&c, big, LC_LINE_MAX + 1, NULL) == LC_ERR_LINE_TOO_LONG);
	T_ASSERT(lc_parse(&c, big, LC_LINE_MAX, NULL) == LC_OK);
}

T_TEST(unknown_keys_are_preserved)
{
	struct loaderconf c, d;
	char buf[LC_TEXT_MAX];
	size_t len;

	T_ASSERT(parse(&c, "future-key  some value\ndefault b\nslot-a-colour red\n",
	    NULL) == LC_OK);
	T_ASSERT(strcmp(c.extra, "future-key  some value\nslot-a-colour red\n") == 0);
	T_ASSERT(lc_write(&c, buf, sizeof(buf), &len) == LC_OK);
	T_ASSERT(strstr(buf, "future-key  some value\n") != NULL);
	T_ASSERT(parse(&d, buf, NULL) == LC_OK);
	T_ASSERT(memcmp(&c, &d, sizeof(c)) == 0);
}

T_TEST(too_many_unknown_keys_rejected)
{
	static char big[LC_TEXT_MAX];
	struct loaderconf c;
	size_t n = 0;

	while (n + 40 < sizeof(big))
		n += (size_t)sprintf(big + n, "unknown-key-%04zu value value\n", n);
	T_ASSERT(lc_parse(&c, big, n, NULL) == LC_ERR_EXTRA_FULL);
}

T_TEST(write_parse_round_trip)
{
	struct loaderconf c, d;
	char buf[LC_TEXT_MAX];
	size_t len;

	lc_init(&c);
	c.default_slot = 'b';
	c.tries = 7;
	c.timeout = 3;
	strcpy(c.cmdline, "rustux.test=kernel panic=halt");
	strcpy(c.slot[1].version, "1.2.3-4");
	c.slot[1].state = LC_STATE_NEW;
	c.slot[1].tries = 6;
	c.slot[0].state = LC_STATE_FAILED;
	T_ASSERT(lc_write(&c, buf, sizeof(buf), &len) == LC_OK);
	T_ASSERT(len == strlen(buf));
	T_ASSERT(strstr(buf, "slot-b-state new\nslot-b-tries 6\n") != NULL);
	T_ASSERT(parse(&d, buf, NULL) == LC_OK);
	T_ASSERT(memcmp(&c, &d, sizeof(c)) == 0);
}

T_TEST(write_refuses_invalid_struct)
{
	struct loaderconf c;
	char buf[LC_TEXT_MAX];

	lc_init(&c);
	c.default_slot = 'x';
	T_ASSERT(lc_write(&c, buf, sizeof(buf), NULL) == LC_ERR_BAD_SLOT);
	lc_init(&c);
	strcpy(c.cmdline, "a\nb");
	T_ASSERT(lc_write(&c, buf, sizeof(buf), NULL) == LC_ERR_BAD_BYTE);
	lc_init(&c);
	strcpy(c.slot[0].version, "a b");
	T_ASSERT(lc_write(&c, buf, sizeof(buf), NULL) == LC_ERR_BAD_VERSION);
	lc_init(&c);
	c.slot[1].state = 9;
	T_ASSERT(lc_write(&c, buf, sizeof(buf), NULL) == LC_ERR_BAD_STATE);
}

T_TEST(write_reports_small_buffer)
{
	struct loaderconf c;
	char buf[LC_TEXT_MAX];
	size_t len, n;

	lc_init(&c);
	T_ASSERT(lc_write(&c, buf, sizeof(buf), &len) == LC_OK);
	for (n = 0; n <= len; n++)
		T_ASSERT(lc_write(&c, buf, n, NULL) == LC_ERR_NO_SPACE);
	T_ASSERT(lc_write(&c, buf, len + 1, NULL) == LC_OK);
}

T_TEST(strerror_covers_every_code)
{
	for (int e = 0; e < LC_ERR_COUNT; e++)
		T_ASSERT(strcmp(lc_strerror(e), "unknown error") != 0);
	T_ASSERT(strcmp(lc_strerror(-1), "unknown error") == 0);
}

int
main(void)
{
	T_RUN(defaults_from_empty_file);
	T_RUN(parses_every_key);
	T_RUN(new_slot_without_tries_gets_global_tries);
	T_RUN(rejects_bad_values_with_line);
	T_RUN(rejects_nul_byte);
	T_RUN(rejects_oversized_input);
	T_RUN(unknown_keys_are_preserved);
	T_RUN(too_many_unknown_keys_rejected);
	T_RUN(write_parse_round_trip);
	T_RUN(write_refuses_invalid_struct);
	T_RUN(write_reports_small_buffer);
	T_RUN(strerror_covers_every_code);
	return T_DONE();
}
