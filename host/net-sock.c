/* net-sock.c: the few socket calls of the lingering close that differ between Debian and
 * Windows: a descriptor of our own on a connection (so that lws' close does not end it),
 * reading it without blocking, closing it; and on Windows, lws' recv() for the frame checks. */
#include "net-int.h"

#ifndef _WIN32

int net_sock_keep(int fd)
{
	int d = fcntl(fd, F_DUPFD_CLOEXEC, 3);

	if (d >= 0)
		(void)shutdown(d, SHUT_WR);
	return d;
}

ssize_t net_sock_read(int d, void *buf, size_t len)
{
	ssize_t r = read(d, buf, len);

	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return NET_SOCK_AGAIN;
	return r;
}

void net_sock_close(int d)
{
	close(d);
}

#else

/* On Windows a SOCKET is a handle, which lws keeps in its int-sized descriptor. A duplicate
 * in the same process keeps the connection open after lws' closesocket (Winsock closes it
 * when the last descriptor goes). */
int net_sock_keep(int fd)
{
	WSAPROTOCOL_INFOW info;
	SOCKET d;

	if (WSADuplicateSocketW((SOCKET)fd, GetCurrentProcessId(), &info) != 0)
		return -1;
	d = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
	               WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
	if (d == INVALID_SOCKET)
		return -1;
	u_long nonblocking = 1;
	ioctlsocket(d, FIONBIO, &nonblocking);
	(void)shutdown(d, SD_SEND);
	return (int)d;
}

ssize_t net_sock_read(int d, void *buf, size_t len)
{
	int r = recv((SOCKET)d, buf, len > INT_MAX ? INT_MAX : (int)len, 0);

	if (r == SOCKET_ERROR)
		return WSAGetLastError() == WSAEWOULDBLOCK ? NET_SOCK_AGAIN : -1;
	return r;
}

void net_sock_close(int d)
{
	closesocket((SOCKET)d);
}

/* Point libwebsockets.dll's import of ws2_32's recv at fn; *orig gets the real one. Walks the
 * DLL's import table (PE format): the entry whose address is ws2_32's recv, whatever name or
 * ordinal it was imported by. 0, or -1 if lws imports no recv from ws2_32 (a static build). */
int net_sock_hook_recv(void *fn, void **orig)
{
	HMODULE lws = GetModuleHandleW(L"libwebsockets.dll"), ws2 = GetModuleHandleW(L"ws2_32.dll");
	FARPROC real = ws2 ? GetProcAddress(ws2, "recv") : NULL;

	if (!lws || !real)
		return -1;
	unsigned char *base = (unsigned char *)lws;
	IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)(void *)base;
	IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(void *)(base + dos->e_lfanew);
	IMAGE_DATA_DIRECTORY dir = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
	if (!dir.VirtualAddress)
		return -1;
	for (IMAGE_IMPORT_DESCRIPTOR *imp = (IMAGE_IMPORT_DESCRIPTOR *)(void *)(base + dir.VirtualAddress);
	     imp->Name; imp++) {
		if (_stricmp((const char *)(base + imp->Name), "ws2_32.dll") != 0)
			continue;
		for (IMAGE_THUNK_DATA *t = (IMAGE_THUNK_DATA *)(void *)(base + imp->FirstThunk); t->u1.Function; t++) {
			if ((FARPROC)(uintptr_t)t->u1.Function != real)
				continue;
			DWORD was;
			if (!VirtualProtect(&t->u1.Function, sizeof t->u1.Function, PAGE_READWRITE, &was))
				return -1;
			*orig = (void *)real;
			t->u1.Function = (ULONG_PTR)(uintptr_t)fn;
			VirtualProtect(&t->u1.Function, sizeof t->u1.Function, was, &was);
			return 0;
		}
	}
	return -1;
}

#endif
