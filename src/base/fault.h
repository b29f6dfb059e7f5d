/* SPDX-License-Identifier: MIT */
/**
 * @file fault.h  A test hook that makes one chosen file operation fail, or kills the run there.
 *
 * ILDKG_FAULT_AT=N makes the Nth call of ildkg_fault_point() fail with EIO, as a full disk
 * or a lost device would; with ILDKG_FAULT_KILL=1 as well the process kills itself there
 * (SIGKILL), as a power cut or `kill -9` would. Each injected fault is announced on stderr
 * ("injected fault at step N: WHAT"), so a test can step N from 1 until no fault is
 * injected and so visit every gap between two file operations. Unset: no effect.
 */
#ifndef ILDKG_FAULT_H
#define ILDKG_FAULT_H

/** Call before a file operation named @p what. @return 0, or -1 with errno EIO when this is
    the chosen step (and does not return at all in kill mode). */
int ildkg_fault_point(const char *what);

#endif
