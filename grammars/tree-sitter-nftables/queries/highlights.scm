; Highlights for nftables (tree-sitter-nftables).

(comment) @comment
(string) @string
(number) @number
(time) @number
(boolean) @constant.builtin
[(ipv4_address) (ipv6_address) (mac_address)] @constant

(variable) @variable
(define name: (identifier) @variable)
(set_reference) @variable.special
(set_reference name: (identifier) @variable.special)

(family) @type.builtin
(hook_spec type: (identifier) @type)
(hook_spec hook: (identifier) @constant.builtin)
(hook_spec priority: (identifier) @constant.builtin)
(type_spec key: (identifier) @type)
(type_spec data: (identifier) @type)
(type_spec (concatenation (identifier) @type))

(table_declaration name: (identifier) @namespace)
(chain_declaration name: (identifier) @function)
(verdict_statement target: (identifier) @function)
(verdict target: (identifier) @function)
(set_declaration name: (identifier) @variable.special)
(map_declaration name: (identifier) @variable.special)

(payload_expression field: (identifier) @property)
(meta_expression key: (identifier) @property)
(ct_expression key: (identifier) @property)
(rt_expression key: (identifier) @property)
(socket_expression key: (identifier) @property)
(fib_expression flag: (identifier) @property)
(fib_expression result: (identifier) @property)

[
  "accept" "drop" "continue" "return" "jump" "goto" "reject" "queue"
] @keyword.control

[
  "table" "chain" "set" "map" "flowtable" "element" "rule" "ruleset"
  "counter" "quota" "limit" "secmark" "synproxy" "ct" "meta" "fib" "rt" "socket" "osf" "ipsec"
  "numgen" "jhash" "symhash" "exthdr" "option"
  "type" "typeof" "hook" "priority" "policy" "device" "devices" "flags" "elements" "size"
  "timeout" "gc-interval" "comment" "handle" "position" "index"
  "add" "create" "insert" "replace" "delete" "destroy" "flush" "list" "reset" "get" "rename"
  "log" "prefix" "level" "group" "snaplen" "rate" "burst" "over" "until" "used" "name"
  "snat" "dnat" "masquerade" "redirect" "tproxy" "to" "dup" "fwd" "flow" "offload"
  "meter" "update" "with" "vmap" "mod" "seed" "offset" "packets" "bytes" "last"
] @keyword

["define" "redefine" "undefine" "include"] @keyword.directive

["==" "!=" "<" ">" "<=" ">=" "&" "|" "^" "<<" ">>" "-" "+" "/"] @operator
["eq" "ne" "lt" "gt" "le" "ge" "and" "or" "xor"] @keyword.operator

["{" "}" "(" ")" "[" "]"] @punctuation.bracket
["," ";" ":" "." "=" "@" "$"] @punctuation.delimiter

[(auto_merge_spec) (counter_spec) (notrack_statement)] @keyword
