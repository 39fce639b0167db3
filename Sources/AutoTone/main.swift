// Placeholder until the command-line tool lands in this issue.
print("autotone")
