// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's BTF (/sys/kernel/btf/vmlinux): where a member lies in a
 * structure that headers packages do not ship, such as mm/internal.h's
 * struct compact_control.  Only what that needs: the type section walked
 * once, structures found by name, members resolved to their scalar type.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/btf.h>

#include "mms.h"

/* Typedefs and qualifiers followed before giving up on a member's type. */
#define MMS_BTF_MAX_CHAIN	16

static int mms_btf_read(struct mms_btf *b, const char *path)
{
	size_t cap = 1 << 22;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	b->data = malloc(cap);
	b->size = 0;
	while (b->data) {
		if (b->size == cap) {
			char *p = realloc(b->data, cap * 2);

			if (!p)
				break;
			b->data = p;
			cap *= 2;
		}
		n = read(fd, b->data + b->size, cap - b->size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int err = n < 0 ? -errno : 0;

			close(fd);
			return err;
		}
		b->size += n;
	}
	close(fd);
	return -ENOMEM;
}

/* Bytes that follow a type's struct btf_type, or -1 for an unknown kind. */
static long mms_btf_extra(const struct btf_type *t)
{
	unsigned int vlen = BTF_INFO_VLEN(t->info);

	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 4;
	case BTF_KIND_ARRAY:
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return (long)vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return (long)vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64:
		return (long)vlen * sizeof(struct btf_enum64);
	case BTF_KIND_FUNC_PROTO:
		return (long)vlen * sizeof(struct btf_param);
	case BTF_KIND_DATASEC:
		return (long)vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	default:
		return -1;
	}
}

int mms_btf_open(struct mms_btf *b, const char *path)
{
	const struct btf_header *h;
	size_t pos, end, cap = 0;
	int err;

	memset(b, 0, sizeof(*b));
	err = mms_btf_read(b, path);
	if (err)
		goto free_data;
	err = -EPROTO;
	h = (const struct btf_header *)b->data;
	if (b->size < sizeof(*h) || h->magic != BTF_MAGIC ||
	    h->hdr_len < sizeof(*h) || h->hdr_len > b->size ||
	    h->type_off > b->size - h->hdr_len ||
	    h->type_len > b->size - h->hdr_len - h->type_off ||
	    h->str_off > b->size - h->hdr_len ||
	    h->str_len > b->size - h->hdr_len - h->str_off || !h->str_len)
		goto free_data;
	b->strs = b->data + h->hdr_len + h->str_off;
	b->str_len = h->str_len;
	pos = h->hdr_len + h->type_off;
	end = pos + h->type_len;
	b->nr_types = 1;	/* id 0 is void */
	while (pos < end) {
		const struct btf_type *t = (const void *)(b->data + pos);
		long extra;

		if (end - pos < sizeof(*t))
			goto free_types;
		extra = mms_btf_extra(t);
		if (extra < 0 || (size_t)extra > end - pos - sizeof(*t))
			goto free_types;
		if (b->nr_types >= cap) {
			const struct btf_type **p;

			cap = cap ? cap * 2 : 65536;
			p = realloc(b->types, cap * sizeof(*p));
			if (!p) {
				err = -ENOMEM;
				goto free_types;
			}
			b->types = p;
		}
		b->types[b->nr_types++] = t;
		pos += sizeof(*t) + extra;
	}
	if (!b->types)
		goto free_data;
	return 0;

free_types:
	free(b->types);
	b->types = NULL;
free_data:
	free(b->data);
	b->data = NULL;
	return err;
}

void mms_btf_close(struct mms_btf *b)
{
	free(b->types);
	free(b->data);
	memset(b, 0, sizeof(*b));
}

static const char *mms_btf_name(const struct mms_btf *b, uint32_t off)
{
	return off < b->str_len ? b->strs + off : "";
}

/* The size of the scalar type @id stands for, or 0 if it is not one. */
static long mms_btf_scalar_size(const struct mms_btf *b, uint32_t id)
{
	int i;

	for (i = 0; i < MMS_BTF_MAX_CHAIN && id && id < b->nr_types; i++) {
		const struct btf_type *t = b->types[id];

		switch (BTF_INFO_KIND(t->info)) {
		case BTF_KIND_INT:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			return t->size;
		case BTF_KIND_PTR:
			return sizeof(void *);
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			break;
		default:
			return 0;
		}
	}
	return 0;
}

int mms_btf_member(const struct mms_btf *b, const char *st,
		   const char *member, long *offset, long *size)
{
	uint32_t id;

	for (id = 1; id < b->nr_types; id++) {
		const struct btf_type *t = b->types[id];
		const struct btf_member *m = (const void *)(t + 1);
		unsigned int i, vlen = BTF_INFO_VLEN(t->info);
		bool kflag = BTF_INFO_KFLAG(t->info);

		if (BTF_INFO_KIND(t->info) != BTF_KIND_STRUCT ||
		    strcmp(mms_btf_name(b, t->name_off), st))
			continue;
		for (i = 0; i < vlen; i++, m++) {
			uint32_t bits = kflag ? BTF_MEMBER_BIT_OFFSET(m->offset) :
						m->offset;

			if (strcmp(mms_btf_name(b, m->name_off), member))
				continue;
			if ((kflag && BTF_MEMBER_BITFIELD_SIZE(m->offset)) ||
			    bits % 8)
				return -EINVAL;		/* a bitfield */
			*offset = bits / 8;
			*size = mms_btf_scalar_size(b, m->type);
			return *size ? 0 : -EINVAL;
		}
		return -ESRCH;
	}
	return -ENOENT;
}
