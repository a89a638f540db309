; iptables-save / iptables-restore highlighting

(comment) @comment

(table_section "*" @punctuation.special)
(table_name) @namespace
(commit) @keyword

(chain_declaration ":" @punctuation.special)
(chain_name) @type
(policy) @constant.builtin

(counters ["[" ":" "]"] @punctuation.bracket)
(number) @number

[
  (append) (check) (insert) (delete) (replace)
  (new_chain) (flush) (delete_chain) (zero) (rename_chain) (set_policy)
] @keyword

(negation) @operator
(option_name) @property

(match ["-m" "--match"] @keyword)
(match_name) @function

(jump) @keyword
(goto) @keyword
((target_name) @constant.builtin
  (#match? @constant.builtin "^(ACCEPT|DROP|REJECT|RETURN|QUEUE|NFQUEUE|LOG|NFLOG|ULOG|DNAT|SNAT|MASQUERADE|REDIRECT|NETMAP|MARK|CONNMARK|CT|NOTRACK|TCPMSS|CHECKSUM|TPROXY|TRACE|TEE|AUDIT|CLASSIFY|DSCP|TOS|TTL|HL|SET|SECMARK|CONNSECMARK|IDLETIMER|LED|SYNPROXY)$"))
(target_name) @function

(string) @string
(word) @string.special
