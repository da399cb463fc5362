/* SPDX-License-Identifier: MIT */
/*
 * irqentry's version. Included by <irqentry/irqentry.h>; also includable on
 * its own (it needs nothing, not even the OS header), so a build script or
 * a configure check can read the version without a port.
 *
 * The same version is in CMakeLists.txt (project(VERSION)), irqentry.pc,
 * README.md and CHANGELOG.md; the consumer.version test fails when one of
 * them differs. Bump all of them with one commit.
 */
#ifndef IRQENTRY_VERSION_H
#define IRQENTRY_VERSION_H

/**
 * IRQENTRY_VERSION_MAJOR - major version: a change here breaks the hook
 * contract or the public API for everyone. 0 while the contract settles.
 */
#define IRQENTRY_VERSION_MAJOR 0
/**
 * IRQENTRY_VERSION_MINOR - minor version. In 0.x a minor release may break
 * the API or the hook contract (its CHANGELOG.md entry lists every such
 * change under "Breaking").
 */
#define IRQENTRY_VERSION_MINOR 2
/**
 * IRQENTRY_VERSION_PATCH - patch version: fixes only, no API or contract
 * change.
 */
#define IRQENTRY_VERSION_PATCH 0

/**
 * IRQENTRY_VERSION_AT - the comparable number of a version.
 * @major: major version
 * @minor: minor version, 0..99
 * @patch: patch version, 0..99
 *
 * For tests against IRQENTRY_VERSION in the preprocessor, as in
 * #if IRQENTRY_VERSION >= IRQENTRY_VERSION_AT(0, 2, 0).
 *
 * Return: 10000 * major + 100 * minor + patch.
 */
#define IRQENTRY_VERSION_AT(major, minor, patch)                               \
	(10000 * (major) + 100 * (minor) + (patch))

/**
 * IRQENTRY_VERSION - this version as one number that grows with every
 * release (0.2.0 is 200, 1.3.12 would be 10312), usable in #if.
 */
#define IRQENTRY_VERSION                                                       \
	IRQENTRY_VERSION_AT(IRQENTRY_VERSION_MAJOR, IRQENTRY_VERSION_MINOR,    \
			    IRQENTRY_VERSION_PATCH)

/**
 * IRQENTRY_VERSION_STRING - this version as a string literal, "0.2.0".
 */
#define IRQENTRY_VERSION_STRING "0.2.0"

#endif /* IRQENTRY_VERSION_H */
