return { [10] = 'a', ["k ey"] = [[long
string]], [==[x]==], 0x1F, .5, 1e-05, nil, z = "\65\x42\u{43}\z  D", -- c
--[[ long
comment ]] last = false; }