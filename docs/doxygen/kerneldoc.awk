# SPDX-License-Identifier: MIT
# Doxygen INPUT_FILTER: irqentry's headers as Doxygen reads them. The
# headers stay in kernel-doc (the comment style of the Linux code they
# follow, and what a kernel developer reads); this turns the parts Doxygen
# cannot take as they are into its own commands, line for line (warnings
# keep their line numbers). The section headings (Context:, Default:,
# Return:) become the aliases the Doxyfile defines.
#
#   the file's top comment        -> the description of one group per header
#   "name - summary" first line   -> @brief summary
#   "@arg: text"                  -> @param arg text (field/enumerator lists
#                                    of a struct or enum stay a list)
#   "@name" in running text       -> @p name
#   "<irqentry/x.h>"              -> escaped, not an HTML tag
#   a comment at file scope       -> a doc comment (macros, hooks, fields)
#   "#ifndef hook / #error"       -> "#define hook hook": a required hook,
#                                    documented as what the OS header defines
# Usage: awk -f kerneldoc.awk file.h   (as Doxygen runs it)
{
	line[++n] = $0
}

function escape_text(s,    pre, rest, head, tail) {
	rest = s
	pre = ""
	while (match(rest, /<[A-Za-z_][A-Za-z0-9_.\/]*\.h>/)) {
		pre = pre substr(rest, 1, RSTART - 1) "\\<" \
			substr(rest, RSTART + 1, RLENGTH - 2) "\\>"
		rest = substr(rest, RSTART + RLENGTH)
	}
	s = pre rest
	# "#DB", "#if": Doxygen would take them as links; "IRQENTRY_WORK_*"
	# or "unsigned long *" as Markdown emphasis.
	gsub(/#/, "\\#", s)
	head = ""
	tail = ""
	if (match(s, /^[ \t]*\/?\*+/)) {
		head = substr(s, 1, RLENGTH)
		s = substr(s, RLENGTH + 1)
	}
	if (match(s, /\*\/[ \t]*$/)) {
		tail = substr(s, RSTART)
		s = substr(s, 1, RSTART - 1)
	}
	gsub(/\*/, "\\*", s)
	s = head s tail
	rest = s
	pre = ""
	while (match(rest, /@[a-z_][a-z0-9_]*/)) {
		pre = pre substr(rest, 1, RSTART - 1) "@p " \
			substr(rest, RSTART + 1, RLENGTH - 1)
		rest = substr(rest, RSTART + RLENGTH)
	}
	return pre rest
}

# One line of a comment's text. A tab-indented run after a blank comment
# line is example code (kept verbatim in @code); other tab-indented lines
# are text.
function body(t, prev) {
	if (t ~ /^ \*\t/ && (incode || prev ~ /^ \*[ \t]*$/)) {
		if (!incode) {
			incode = 1
			return " * @code{.c}\n" t
		}
		return t
	}
	if (incode && t !~ /^ \*[ \t]*$/) {
		incode = 0
		return " * @endcode\n" escape_text(t)
	}
	if (incode)
		return t
	return escape_text(t)
}

# Line i opens a required hook's "#ifndef hook / #error / #endif".
function required(i) {
	return i + 2 <= n && line[i + 1] ~ /^#error/ && line[i + 2] ~ /^#endif/ &&
	    (line[i] ~ /^#ifndef (irqentry_os_[a-z0-9_]+|irqentry_regs_t)$/ ||
	     line[i] ~ /^#if .*!defined\(irqentry_os_[a-z0-9_]+\)$/)
}

# The next line after i that is not blank and not a comment line.
function next_code(i) {
	for (i++; i <= n; i++)
		if (line[i] !~ /^[ \t]*$/ && line[i] !~ /^[ \t]*(\/\*|\*)/)
			return line[i]
	return ""
}

# Line i is a one-line comment on an internal macro (the next line).
function priv_note(i) {
	return line[i] ~ /^\/\*.*\*\/$/ && line[i + 1] ~ /^#define IRQENTRY_PRIV_/
}

# One comment (ending at line j) over several macros or hooks, up to the
# next blank line or comment: a member group that shares it.
function open_group(j,    e, ents, b) {
	if (close_at)
		return
	# A comment that opens a conditional branch: the preprocessor may drop
	# the branch, and the group's start with it.
	for (b = j; b > 1 && line[b] !~ /^[ \t]*\/\*/; b--)
		;
	if (line[b - 1] ~ /^#(if|ifdef|ifndef|elif|else)/)
		return
	ents = 0
	for (e = j + 1; e <= n && line[e] !~ /^[ \t]*$/ &&
	     !(line[e] ~ /^\/\*/ && !priv_note(e)); e++)
		if (line[e] ~ /^#include/)
			return  # not one group: another file's members may follow
		else if (line[e] ~ /^(#define [A-Za-z_]|static inline|IRQENTRY_API|IRQENTRY_SLOWPATH|typedef )/ ||
		    required(e))
			ents++
	if (ents >= 2) {
		printf "/** @{ */ "
		close_at = e - 1
		group_first = ""
	}
}

function closegroup(i) {
	if (close_at && i >= close_at) {
		print "/** @} */"
		close_at = 0
	}
}

END {
	close_at = 0
	group = FILENAME
	sub(/.*include\//, "", group)
	gid = group
	gsub(/[^A-Za-z0-9]/, "_", gid)
	depth = 0        # braces at file scope
	agg = 0          # inside a struct/enum/union body
	top_done = 0
	for (i = 1; i <= n; i++) {
		s = line[i]
		# The SPDX line and the file's top comment: the group.
		if (!top_done && s ~ /^\/\* SPDX-License-Identifier/) {
			print "/** @file */"
			continue
		}
		if (!top_done && s == "/*") {
			print "/** @defgroup " gid " <" group ">"
			incode = 0
			for (i++; i <= n && line[i] !~ /\*\//; i++)
				print body(line[i], line[i - 1])
			if (incode)
				print " * @endcode"
			print " */ /** @{ */"
			top_done = 1
			continue
		}
		# A required hook: "#ifndef hook" (or "#if ... !defined(hook)")
		# with an #error and #endif.
		if (required(i)) {
			name = s
			sub(/^#ifndef /, "", name)
			sub(/.*!defined\(/, "", name)
			sub(/\).*/, "", name)
			# Later hooks of a shared comment: the same text.
			if (close_at && group_first != "")
				print "#define " name " " name " /**< @copydoc " group_first " */"
			else
				print "#define " name " " name
			if (close_at && group_first == "")
				group_first = name
			print ""
			print ""
			i += 2
			closegroup(i)
			continue
		}
		# The testing kit's recorders take over the hook names: how it
		# works, not API (the hooks are documented in hooks.h).
		if (FILENAME ~ /testing\.h$/ && s ~ /^#(define|undef) irqentry_os_/) {
			print ""
			while (line[i] ~ /\\$/) {
				print ""
				i++
			}
			continue
		}
		# A weak internal variable between a hook's comment and the hook:
		# hidden, so the comment documents the hook.
		if (depth == 0 && s ~ /^__attribute__.* irqentry_priv_[a-z0-9_]*;$/) {
			print "/** @cond */ " s " /** @endcond */"
			continue
		}
		# Later macros under a shared comment: the same text.
		if (close_at && depth == 0 && s ~ /^#define [A-Za-z_]/ && s !~ /\/\*/ && s !~ /\\$/) {
			u = s
			sub(/^#define /, "", u)
			sub(/[ (].*/, "", u)
			if (group_first == "")
				group_first = u
			else if (u != group_first) {
				print s " /**< @copydoc " group_first " */"
				closegroup(i)
				continue
			}
		}
		if (depth == 0 && s ~ /^#define [A-Za-z_].*\/\*[^*].*\*\/[ \t]*$/) {
			# a macro with its comment after it
			sub(/\/\*/, "/**<", s)
			print s
			closegroup(i)
			continue
		}
		# Comments: kernel-doc blocks and plain ones at file scope or in a
		# struct/enum body become doc comments; in a function body they
		# stay comments.
		if (s ~ /^[ \t]*\/\*/ && s !~ /\*\// && (depth == 0 || agg)) {
			start = i
			for (j = i; j <= n && line[j] !~ /\*\//; j++)
				;
			after = next_code(j)
			is_agg = (after ~ /^(typedef )?(struct|enum|union)( |$)/)
			if (is_agg)
				split("", field)
			if (depth == 0 && !agg)
				open_group(j)
			first = 1
			incode = 0
			for (k = start; k <= j; k++) {
				t = line[k]
				if (k == start) {
					sub(/\/\*\*?/, "/**", t)
					print t
					continue
				}
				if (first && t ~ /^[ \t]*\*[ \t]+[^ \t]/) {
					first = 0
					u = t
					if (sub(/^[ \t]*\*[ \t]+((struct|enum|union) )?[A-Za-z_][A-Za-z0-9_]*(\(\))?[ \t]+-[ \t]+/, "", u)) {
						print " * @brief " substr(escape_text(" * " u), 4)
						continue
					}
				}
				if (t ~ /^[ \t]*\*[ \t]*@[A-Za-z_][A-Za-z0-9_]*:/ ||
				    t ~ /^[ \t]*\*[ \t]*@\.\.\.:/) {
					match(t, /@[A-Za-z_.][A-Za-z0-9_.]*:/)
					arg = substr(t, RSTART + 1, RLENGTH - 2)
					rest = substr(t, RSTART + RLENGTH)
					if (is_agg) {
						field[arg] = rest
						for (m = k + 1; m < j && line[m] ~ /^ \*\t/; m++) {
							u = line[m]
							sub(/^ \*\t/, " ", u)
							field[arg] = field[arg] u
						}
						print " * - `" arg "`:" escape_text(rest)
					}
					else
						print " * @param " arg escape_text(rest)
					continue
				}
				cmd = ""
				if (sub(/^ \* Context:/, " *", t))
					cmd = "@context"
				else if (sub(/^ \* Default:/, " *", t))
					cmd = "@hookdefault"
				else if (sub(/^ \* Return:/, " *", t))
					cmd = "@return"
				if (cmd != "") {
					print " * " cmd substr(escape_text(t), 3)
					continue
				}
				print body(t, line[k - 1])
			}
			if (incode)
				print " * @endcode"
			i = j
			continue
		}
		if (s ~ /^\/\* -+ /) {
			# a section banner ("---- Required ----"): no entity's doc
			print s
			continue
		}
		if (depth == 0 && priv_note(i)) {
			print s
			continue
		}
		if (s ~ /^[ \t]*\/\*[^*].*\*\/[ \t]*$/ && depth == 0) {
			# a one-line comment at file scope
			open_group(i)
			sub(/\/\*/, "/**", s)
			print escape_text(s)
			continue
		}
		if (agg && s ~ /[;,][ \t]*\/\*[^*].*\*\/[ \t]*$/) {
			# a member with its comment after it
			sub(/\/\*/, "/**<", s)
			print s
			continue
		}
		if (agg && s ~ /^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*(=[^,]*)?,?[ \t]*$/ && s !~ /;/) {
			# an enumerator: "@NAME:" of the enum's comment
			u = s
			sub(/^[ \t]*/, "", u)
			sub(/[ \t=,].*/, "", u)
			if (u in field) {
				print s " /**<" escape_text(field[u]) " */"
				continue
			}
		}
		if (agg && s ~ /;[ \t]*$/ && s !~ /\/\*/) {
			u = s
			sub(/[ \t]*(\[[^]]*\])?;[ \t]*$/, "", u)
			sub(/.*[ \t*]/, "", u)
			if (u in field) {
				print s " /**<" escape_text(field[u]) " */"
				continue
			}
		}
		if (agg && s ~ /^[ \t]*\/\*[^*].*\*\/[ \t]*$/) {
			sub(/\/\*/, "/**", s)
			print s
			continue
		}
		# extern "C" { ... } (C++ builds) keeps file scope inside.
		if (s ~ /^extern "C" \{$/) {
			print s
			closegroup(i)
			continue
		}
		# Brace depth at file scope (macros and strings do not nest
		# braces in these headers).
		if (depth == 0 && s ~ /^(typedef )?(struct|enum|union)[^;(]*\{/)
			agg = 1
		o = gsub(/\{/, "{", s)
		c = gsub(/\}/, "}", s)
		depth += o - c
		if (depth <= 0) {
			depth = 0
			agg = 0
		}
		print s
		closegroup(i)
	}
	print "/** @} */"
}
