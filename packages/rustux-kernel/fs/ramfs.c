/* ramfs.c - kernel: RAM file system with sparse page-backed files, dirs, symlinks and hard links */
/* SPDX-License-Identifier: MIT */
/*
 * Directories are lists of entries in creation order; each entry has an
 * id that only grows, which is the readdir cookie, so a directory read
 * stays consistent while entries come and go. File data lives in pages
 * allocated on first write: holes read as zeros. Entries count in the
 * vnode's nlink; the vnode is freed when nlink and its references are 0,
 * so an unlinked file stays readable through open descriptors.
 */
#include "abi/linux/errno.h"
#include "fs/ramfs.h"
#include "lib/kalloc.h"
#include "lib/string.h"

struct ramfs_entry {
	struct ramfs_entry	*next;
	struct vnode		*vn;
	uint64_t		 id;
	uint16_t		 len;
	char			 name[];
};

struct ramfs_node {
	struct vnode		 vn;	/* first: the vnode is the node */
	struct ramfs_node	*all_next, **all_prev;	/* every node of the fs */
	struct vnode		*parent;	/* directories */
	struct ramfs_entry	*entries;
	uint64_t		 next_id;
	unsigned char		**pages;	/* files: page array, NULL = hole */
	size_t			 npages;
	char			*target;	/* symlinks */
};

struct ramfs {
	struct vfs_fs		 fs;	/* first */
	uint64_t		 pages;
	struct ramfs_node	*all;
};

static const struct vnode_ops ramfs_ops;

static struct ramfs_node *
node(struct vnode *vn)
{
	return (struct ramfs_node *)vn;
}

static void
touch(struct vnode *vn)
{
	vn->mtime = vn->ctime = vfs_now();
}

static struct ramfs_node *
new_node(struct vfs_fs *fs, uint32_t mode)
{
	struct ramfs_node *n;

	if ((n = kzalloc(sizeof(*n))) == NULL)
		return NULL;
	n->vn.refs = 1;
	n->vn.mode = mode;
	n->vn.ops = &ramfs_ops;
	n->vn.fs = fs;
	n->vn.ino = fs->next_ino++;
	n->vn.atime = n->vn.mtime = n->vn.ctime = vfs_now();
	n->all_next = ((struct ramfs *)fs)->all;
	if (n->all_next != NULL)
		n->all_next->all_prev = &n->all_next;
	n->all_prev = &((struct ramfs *)fs)->all;
	*n->all_prev = n;
	return n;
}

/* Unhooks n from its fs's node list and frees it (its contents are gone). */
static void
free_node(struct ramfs_node *n)
{
	*n->all_prev = n->all_next;
	if (n->all_next != NULL)
		n->all_next->all_prev = n->all_prev;
	kfree(n);
}

int
ramfs_create(const char *type, struct vfs_fs **out)
{
	struct ramfs *rfs;
	struct ramfs_node *root;

	if ((rfs = kzalloc(sizeof(*rfs))) == NULL)
		return -LX_ENOMEM;
	vfs_fs_init(&rfs->fs, type);
	if ((root = new_node(&rfs->fs, LX_S_IFDIR | 0755)) == NULL) {
		kfree(rfs);
		return -LX_ENOMEM;
	}
	root->vn.nlink = 2;
	root->parent = &root->vn;
	rfs->fs.root = &root->vn;
	*out = &rfs->fs;
	return 0;
}

uint64_t
ramfs_pages(const struct vfs_fs *fs)
{
	return ((const struct ramfs *)fs)->pages;
}

static struct ramfs_entry *
find(struct ramfs_node *dir, const char *name, size_t len, struct ramfs_entry ***link)
{
	struct ramfs_entry **pp, *e;

	for (pp = &dir->entries; (e = *pp) != NULL; pp = &e->next) {
		if (e->len == len && memcmp(e->name, name, len) == 0) {
			if (link != NULL)
				*link = pp;
			return e;
		}
	}
	return NULL;
}

static struct ramfs_entry *
new_entry(const char *name, size_t len, struct vnode *vn)
{
	struct ramfs_entry *e;

	if ((e = kmalloc(sizeof(*e) + len + 1)) == NULL)
		return NULL;
	e->next = NULL;
	e->vn = vn;
	e->len = (uint16_t)len;
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	return e;
}

/* Appends e to dir (ids stay sorted) and links a directory child to dir. */
static void
insert(struct ramfs_node *dir, struct ramfs_entry *e)
{
	struct ramfs_entry **pp = &dir->entries;

	while (*pp != NULL)
		pp = &(*pp)->next;
	e->id = dir->next_id++;
	*pp = e;
	if (VFS_ISDIR(e->vn)) {
		node(e->vn)->parent = &dir->vn;
		dir->vn.nlink++;
	}
	touch(&dir->vn);
}

/* Unhooks the entry at *link and drops the link it held on its vnode. */
static void
remove_entry(struct ramfs_node *dir, struct ramfs_entry **link)
{
	struct ramfs_entry *e = *link;
	struct vnode *vn = e->vn;

	*link = e->next;
	kfree(e);
	if (VFS_ISDIR(vn)) {
		vn->nlink = 0;
		dir->vn.nlink--;
	} else {
		vn->nlink--;
	}
	vn->ctime = vfs_now();
	touch(&dir->vn);
	vnode_unlinked(vn);
}

static int
ramfs_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct ramfs_entry *e;
	struct vnode *vn;

	if (len == 1 && name[0] == '.')
		vn = dir;
	else if (len == 2 && name[0] == '.' && name[1] == '.')
		vn = node(dir)->parent;
	else if ((e = find(node(dir), name, len, NULL)) != NULL)
		vn = e->vn;
	else
		return -LX_ENOENT;
	vnode_ref(vn);
	*out = vn;
	return 0;
}

static int
ramfs_create_node(struct vnode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
    struct vnode **out)
{
	struct ramfs_node *n;
	struct ramfs_entry *e;

	if ((n = new_node(dir->fs, mode)) == NULL)
		return -LX_ENOMEM;
	if ((e = new_entry(name, len, &n->vn)) == NULL) {
		free_node(n);
		return -LX_ENOMEM;
	}
	n->vn.rdev = rdev;
	n->vn.nlink = VFS_ISDIR(&n->vn) ? 2 : 1;
	insert(node(dir), e);
	*out = &n->vn;
	return 0;
}

static int
ramfs_symlink(struct vnode *dir, const char *name, size_t len, const char *target, size_t tlen)
{
	struct ramfs_node *n;
	struct ramfs_entry *e = NULL;

	if ((n = new_node(dir->fs, LX_S_IFLNK | 0777)) == NULL)
		return -LX_ENOMEM;
	if ((n->target = kmalloc(tlen + 1)) == NULL || (e = new_entry(name, len, &n->vn)) == NULL) {
		kfree(n->target);
		free_node(n);
		return -LX_ENOMEM;
	}
	memcpy(n->target, target, tlen);
	n->target[tlen] = '\0';
	n->vn.size = tlen;
	n->vn.nlink = 1;
	n->vn.refs = 0;		/* kept alive by its link alone */
	insert(node(dir), e);
	return 0;
}

static int
ramfs_link(struct vnode *dir, const char *name, size_t len, struct vnode *vn)
{
	struct ramfs_entry *e;

	if ((e = new_entry(name, len, vn)) == NULL)
		return -LX_ENOMEM;
	vn->nlink++;
	vn->ctime = vfs_now();
	insert(node(dir), e);
	return 0;
}

static int
ramfs_unlink(struct vnode *dir, const char *name, size_t len, struct vnode *vn)
{
	struct ramfs_entry **link;
	struct ramfs_entry *e;

	if ((e = find(node(dir), name, len, &link)) == NULL || e->vn != vn)
		return -LX_ENOENT;
	remove_entry(node(dir), link);
	return 0;
}

static int
ramfs_rename(struct vnode *odir, const char *oname, size_t olen, struct vnode *ndir,
    const char *nname, size_t nlen)
{
	struct ramfs_entry **olink, **nlink, *e, *ne;
	struct vnode *vn;

	if ((e = find(node(odir), oname, olen, &olink)) == NULL)
		return -LX_ENOENT;
	vn = e->vn;
	/* Allocate before changing anything, so a failure leaves both names. */
	if ((ne = new_entry(nname, nlen, vn)) == NULL)
		return -LX_ENOMEM;
	vnode_ref(vn);
	if (find(node(ndir), nname, nlen, &nlink) != NULL) {
		remove_entry(node(ndir), nlink);
		/* The removed entry may have been the one olink pointed into. */
		e = find(node(odir), oname, olen, &olink);
	}
	/* Moving out of odir is not an unlink: keep nlink, fix the parent counts. */
	*olink = e->next;
	kfree(e);
	if (VFS_ISDIR(vn))
		odir->nlink--;
	touch(odir);
	insert(node(ndir), ne);
	vn->ctime = vfs_now();
	vnode_unref(vn);
	return 0;
}

static long
ramfs_read(struct vnode *vn, void *buf, size_t n, uint64_t off)
{
	struct ramfs_node *f = node(vn);
	size_t done = 0, in, k;
	uint64_t pg;

	if (off >= vn->size)
		return 0;
	if (n > vn->size - off)
		n = (size_t)(vn->size - off);
	while (done < n) {
		pg = (off + done) / RAMFS_PAGE;
		in = (size_t)((off + done) % RAMFS_PAGE);
		k = RAMFS_PAGE - in < n - done ? RAMFS_PAGE - in : n - done;
		if (pg < f->npages && f->pages[pg] != NULL)
			memcpy((char *)buf + done, f->pages[pg] + in, k);
		else
			memset((char *)buf + done, 0, k);
		done += k;
	}
	vn->atime = vfs_now();
	return (long)done;
}

static const unsigned char *
ramfs_data_page(struct vnode *vn, uint64_t idx)
{
	struct ramfs_node *f = node(vn);

	return idx < f->npages ? f->pages[idx] : NULL;
}

/* Makes the page array cover npages entries (new ones are holes). */
static int
reserve_pages(struct ramfs_node *f, size_t npages)
{
	unsigned char **np;
	size_t cap = f->npages == 0 ? 8 : f->npages;

	if (npages <= f->npages)
		return 0;
	while (cap < npages)
		cap *= 2;
	if ((np = kzalloc(cap * sizeof(*np))) == NULL)
		return -LX_ENOMEM;
	if (f->npages > 0)
		memcpy(np, f->pages, f->npages * sizeof(*np));
	kfree(f->pages);
	f->pages = np;
	f->npages = cap;
	return 0;
}

static long
ramfs_write(struct vnode *vn, const void *buf, size_t n, uint64_t off)
{
	struct ramfs_node *f = node(vn);
	struct ramfs *rfs = (struct ramfs *)vn->fs;
	size_t done = 0, in, k;
	uint64_t pg;
	int r;

	if (off >= RAMFS_MAX_FILE || n > RAMFS_MAX_FILE - off)
		return -LX_EFBIG;
	if (n == 0)
		return 0;
	if ((r = reserve_pages(f, (size_t)((off + n + RAMFS_PAGE - 1) / RAMFS_PAGE))) != 0)
		return r;
	while (done < n) {
		pg = (off + done) / RAMFS_PAGE;
		in = (size_t)((off + done) % RAMFS_PAGE);
		k = RAMFS_PAGE - in < n - done ? RAMFS_PAGE - in : n - done;
		if (f->pages[pg] == NULL) {
			if ((f->pages[pg] = kpage_alloc()) == NULL)
				break;
			rfs->pages++;
		}
		memcpy(f->pages[pg] + in, (const char *)buf + done, k);
		done += k;
	}
	if (done == 0)
		return -LX_ENOSPC;
	if (off + done > vn->size)
		vn->size = off + done;
	touch(vn);
	return (long)done;
}

/* Frees the pages wholly at or after size and zeroes the tail of the page size ends in. */
static int
ramfs_truncate(struct vnode *vn, uint64_t size)
{
	struct ramfs_node *f = node(vn);
	struct ramfs *rfs = (struct ramfs *)vn->fs;
	uint64_t first = (size + RAMFS_PAGE - 1) / RAMFS_PAGE, i;

	if (size > RAMFS_MAX_FILE)
		return -LX_EFBIG;
	for (i = first; i < f->npages; i++) {
		if (f->pages[i] != NULL) {
			kpage_put(f->pages[i]);
			f->pages[i] = NULL;
			rfs->pages--;
		}
	}
	if (size % RAMFS_PAGE != 0 && size / RAMFS_PAGE < f->npages &&
	    f->pages[size / RAMFS_PAGE] != NULL)
		memset(f->pages[size / RAMFS_PAGE] + size % RAMFS_PAGE, 0,
		    RAMFS_PAGE - size % RAMFS_PAGE);
	vn->size = size;
	touch(vn);
	return 0;
}

static long
ramfs_readlink(struct vnode *vn, char *buf, size_t n)
{
	if (n > vn->size)
		n = (size_t)vn->size;
	memcpy(buf, node(vn)->target, n);
	return (long)n;
}

static int
ramfs_readdir(struct vnode *dir, uint64_t *cookie, struct vfs_dirent *out)
{
	struct ramfs_entry *e;

	for (e = node(dir)->entries; e != NULL; e = e->next) {
		if (e->id < *cookie)
			continue;
		out->ino = e->vn->ino;
		out->type = (uint8_t)((e->vn->mode & LX_S_IFMT) >> 12);	/* DT_* */
		out->namelen = e->len;
		memcpy(out->name, e->name, e->len + 1u);
		*cookie = e->id + 1;
		return 1;
	}
	return 0;
}

static void
ramfs_release(struct vnode *vn)
{
	struct ramfs_node *n = node(vn);
	struct ramfs_entry *e;
	size_t i;

	ramfs_truncate(vn, 0);
	while ((e = n->entries) != NULL) {	/* only when a whole fs goes */
		n->entries = e->next;
		kfree(e);
	}
	for (i = 0; i < n->npages; i++)
		kpage_put(n->pages[i]);
	kfree(n->pages);
	kfree(n->target);
	free_node(n);
}

void
ramfs_destroy(struct vfs_fs *fs)
{
	struct ramfs *rfs = (struct ramfs *)fs;

	while (rfs->all != NULL)
		ramfs_release(&rfs->all->vn);
	kfree(rfs);
}

static const struct vnode_ops ramfs_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create_node,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rename = ramfs_rename,
	.read = ramfs_read,
	.data_page = ramfs_data_page,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
	.readlink = ramfs_readlink,
	.readdir = ramfs_readdir,
	.release = ramfs_release,
};
