/* err_test.c - rpg: unit tests of err.c and ctx.c */
/* SPDX-License-Identifier: MIT */
#include <errno.h>

#include "t.h"

T_TEST(ctx_defaults)
{
	struct rpg_ctx ctx = T_CTX();

	T_EXPECT_STR_EQ(ctx.root, "/");
	T_EXPECT(ctx.image == NULL && ctx.repo == NULL && ctx.key == NULL);
	T_EXPECT_EQ(ctx.err.code, 0);
}

T_TEST(fail_formats_and_returns_code)
{
	struct rpg_ctx ctx = T_CTX();

	T_EXPECT_EQ(rpg_fail(&ctx, RPG_E_BADSIG, "%s: bad %d", "x.rpg", 7), RPG_E_BADSIG);
	T_EXPECT_STR_EQ(ctx.err.msg, "x.rpg: bad 7");
	T_EXPECT_EQ(ctx.err.code, RPG_E_BADSIG);
}

T_TEST(fail_truncates_long_messages)
{
	struct rpg_ctx ctx = T_CTX();
	char big[4096];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	rpg_fail(&ctx, RPG_E_FORMAT, "%s", big);
	T_EXPECT_EQ(strlen(ctx.err.msg), sizeof(ctx.err.msg) - 1);
}

T_TEST(strerror_names_codes)
{
	T_EXPECT_STR_EQ(rpg_strerror(RPG_E_BADSIG), "signature does not verify");
	T_EXPECT_STR_EQ(rpg_strerror(-ENOENT), strerror(ENOENT));
	T_EXPECT_STR_EQ(rpg_strerror(RPG_E_FIRST - 100), "unknown error");
}
