/* options_test.c - kernel unit tests: boot/options.c, the command-line table */
/* SPDX-License-Identifier: MIT */
#include "boot/options.h"
#include "t.h"

T_TEST(options_defaults_when_empty)
{
	struct boot_options o;

	boot_options_parse(&o, "", 1);
	T_EXPECT_STR_EQ(o.panic, "halt");
	T_EXPECT_STR_EQ(o.test, "");
	T_EXPECT_EQ(o.loglevel, 6);
	T_EXPECT_EQ(o.hz, 1000);
	T_EXPECT_EQ(o.confirm, 1);
	T_EXPECT_EQ(o.bad, 0);
	boot_options_parse(&o, NULL, 0);
	T_EXPECT_STR_EQ(o.console, "serial,fb");
}

T_TEST(options_parse_every_kind)
{
	struct boot_options o;
	const char *c = "  panic=reboot rustux.test=kernel loglevel=0x7 rustux.confirm=no\tquiet";

	boot_options_parse(&o, c, strlen(c) + 1);
	T_EXPECT_STR_EQ(o.panic, "reboot");
	T_EXPECT_STR_EQ(o.test, "kernel");
	T_EXPECT_EQ(o.loglevel, 7);
	T_EXPECT_EQ(o.confirm, 0);
	T_EXPECT_STR_EQ(o.rest, "quiet");
	T_EXPECT_EQ(o.bad, 0);
}

T_TEST(options_bad_values_keep_defaults)
{
	struct boot_options o;
	const char *c = "loglevel=seven rustux.hz=99999999999999999999999 rustux.confirm=maybe rustica.selftest=1";

	boot_options_parse(&o, c, strlen(c));
	T_EXPECT_EQ(o.loglevel, 6);
	T_EXPECT_EQ(o.hz, 1000);
	T_EXPECT_EQ(o.confirm, 1);
	T_EXPECT_EQ(o.bad, 3);
	T_EXPECT_STR_EQ(o.rest, "rustica.selftest=1");
}

T_TEST(options_respect_length_and_table_docs)
{
	struct boot_options o;

	boot_options_parse(&o, "panic=reboot", 9);
	T_EXPECT_STR_EQ(o.panic, "reb");
	T_EXPECT_STR_EQ(o.rest, "");
	T_EXPECT(boot_option_count >= 5);
	for (size_t i = 0; i < boot_option_count; i++) {
		T_EXPECT(boot_option_docs[i].doc[0] != '\0');
	}
}
