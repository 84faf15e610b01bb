/* file.c - read and write whole files on the loader's own ESP (EFI_FILE_PROTOCOL) */
/* SPDX-License-Identifier: MIT */
#include <efi.h>
#include <efilib.h>

#include "file.h"

#define PAGES(n)	(((n) + 4095) / 4096)

EFI_STATUS
file_root(EFI_HANDLE image, EFI_FILE_HANDLE *root)
{
	EFI_LOADED_IMAGE *li;
	EFI_STATUS st;

	st = BS->HandleProtocol(image, &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(st))
		return st;
	*root = LibOpenRoot(li->DeviceHandle);
	return *root != NULL ? EFI_SUCCESS : EFI_NOT_FOUND;
}

EFI_STATUS
file_read(EFI_FILE_HANDLE root, const CHAR16 *path, UINTN max,
    EFI_MEMORY_TYPE type, void **buf, UINTN *len)
{
	EFI_FILE_HANDLE f;
	EFI_FILE_INFO *info;
	EFI_PHYSICAL_ADDRESS pa;
	EFI_STATUS st;
	UINTN size, got;

	st = root->Open(root, &f, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st))
		return st;
	info = LibFileInfo(f);
	if (info == NULL) {
		f->Close(f);
		return EFI_DEVICE_ERROR;
	}
	size = info->FileSize;
	FreePool(info);
	if (size > max) {
		f->Close(f);
		return EFI_BAD_BUFFER_SIZE;
	}
	st = BS->AllocatePages(AllocateAnyPages, type, PAGES(size) + 1, &pa);
	if (EFI_ERROR(st)) {
		f->Close(f);
		return st;
	}
	got = size;
	st = f->Read(f, &got, (void *)(UINTN)pa);
	f->Close(f);
	if (!EFI_ERROR(st) && got != size)
		st = EFI_END_OF_FILE;
	if (EFI_ERROR(st)) {
		BS->FreePages(pa, PAGES(size) + 1);
		return st;
	}
	((char *)(UINTN)pa)[size] = '\0';
	*buf = (void *)(UINTN)pa;
	*len = size;
	return EFI_SUCCESS;
}

void
file_free(void *buf, UINTN len)
{
	BS->FreePages((EFI_PHYSICAL_ADDRESS)(UINTN)buf, PAGES(len) + 1);
}

EFI_STATUS
file_write(EFI_FILE_HANDLE root, const CHAR16 *path, const void *buf, UINTN len)
{
	EFI_FILE_HANDLE f;
	EFI_FILE_INFO *info;
	EFI_STATUS st;
	UINTN n = len;

	st = root->Open(root, &f, (CHAR16 *)path,
	    EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE | EFI_FILE_MODE_CREATE, 0);
	if (EFI_ERROR(st))
		return st;
	st = f->SetPosition(f, 0);
	if (!EFI_ERROR(st))
		st = f->Write(f, &n, (void *)buf);
	if (!EFI_ERROR(st) && n != len)
		st = EFI_VOLUME_FULL;
	if (!EFI_ERROR(st) && (info = LibFileInfo(f)) != NULL) {
		if (info->FileSize != len) {
			info->FileSize = len;
			st = f->SetInfo(f, &GenericFileInfo, info->Size, info);
		}
		FreePool(info);
	}
	if (!EFI_ERROR(st))
		st = f->Flush(f);
	f->Close(f);
	return st;
}
