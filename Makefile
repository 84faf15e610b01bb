include distro.mk
