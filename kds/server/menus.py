"""Demo menus for the three seeded restaurants (contract B2): categories, items, prices, tags.

`MENUS[slug]` lists `(category, items)` in display order; the categories are a kitchen's split
(mains, starters, sides, drinks, desserts), so a KDS can route lines to stations by them. Each
item is `(name, price, groups, tags)`; each group is `(group name, [(choice, price adjustment)])`;
`tags` name entries of `TAGS`. Pho Hanoi is priced in VND with Vietnamese names, categories,
choices and tag names, as the real platform's own seed restaurants are (contract 4.1a); the
other two keep English names and their prices in dollars, so a client formats more than one
currency. Allergens are tags (the menu document's legend) and, for the other two, also in item
names or choices, as a kitchen would want to see them.
"""

from __future__ import annotations

Group = tuple[str, list[tuple[str, float | None]]]
Item = tuple[str, float, list[Group], list[str]]

CURRENCIES = {"pho-hanoi": "VND", "bella-napoli": "USD", "sushi-ko": "USD"}

# Tag name → category (contract 4.1a's TagCategory). Names are what a restaurant would type.
TAGS: dict[str, str] = {
    "Đậu phộng": "Allergen",
    "Hải sản có vỏ": "Allergen",
    "Gluten": "Allergen",
    "Sữa": "Allergen",
    "Chay": "Dietary",
    "Thuần chay": "Dietary",
    "Cay": "SpiceLevel",
    "Có cồn": "Beverage",
    "Peanuts": "Allergen",
    "Shellfish": "Allergen",
    "Dairy": "Allergen",
    "Egg": "Allergen",
    "Fish": "Allergen",
    "Soy": "Allergen",
    "Sesame": "Allergen",
    "Tree nuts": "Allergen",
    "Vegetarian": "Dietary",
    "Vegan": "Dietary",
    "Spicy": "SpiceLevel",
    "Contains alcohol": "Beverage",
}

# Groups a guest may pick several choices of (or none); any other group takes exactly one.
MULTI_CHOICE_GROUPS = frozenset({"Extras", "Toppings", "Thêm", "Ăn kèm"})

# Pho Hanoi (VND: no minor unit, so whole đồng)
CO: Group = ("Cỡ", [("Thường", None), ("Lớn", 15000)])
DO_CAY: Group = (
    "Độ cay",
    [("Không cay", None), ("Cay vừa", None), ("Cay", None), ("Rất cay", 5000)],
)
THEM_PHO: Group = (
    "Thêm",
    [("Thêm bánh phở", 10000), ("Thêm thịt bò", 30000), ("Giá đỗ", None), ("Trứng chần", 10000)],
)

SIZE: Group = ("Size", [("Regular", None), ("Large", 2.0)])
SPICE: Group = (
    "Spice level",
    [("Mild", None), ("Medium", None), ("Hot", None), ("Extra hot", 0.5)],
)
PIZZA_SIZE: Group = ("Size", [("Personal 25 cm", None), ("Large 33 cm", 4.0)])
PIZZA_TOPPINGS: Group = (
    "Toppings",
    [
        ("Extra mozzarella (dairy)", 1.5),
        ("Mushrooms", 1.0),
        ("Anchovies (fish)", 1.5),
        ("Spicy salami", 2.0),
        ("Rocket", 0.5),
    ],
)
CRUST: Group = ("Crust", [("Classic", None), ("Gluten-free base", 2.5)])
SUSHI_EXTRAS: Group = (
    "Extras",
    [
        ("Extra wasabi", None),
        ("No wasabi", None),
        ("Soy sauce (soy, wheat)", None),
        ("Pickled ginger", None),
    ],
)
RICE: Group = ("Rice", [("White rice", None), ("Brown rice", 0.5)])

MENUS: dict[str, list[tuple[str, list[Item]]]] = {
    "pho-hanoi": [
        (
            "Món chính",
            [
                ("Phở bò tái", 65000, [CO, THEM_PHO, DO_CAY], []),
                ("Phở gà", 60000, [CO, THEM_PHO], []),
                ("Phở chay", 55000, [CO], ["Chay"]),
                ("Bún chả Hà Nội", 70000, [DO_CAY], []),
                ("Bún bò Huế", 75000, [CO, DO_CAY], ["Cay"]),
                ("Cơm tấm sườn", 65000, [("Ăn kèm", [("Trứng ốp la", 10000), ("Bì", 10000)])], []),
                ("Mì xào hải sản", 85000, [DO_CAY], ["Hải sản có vỏ", "Gluten"]),
            ],
        ),
        (
            "Khai vị",
            [
                (
                    "Gỏi cuốn tôm thịt",
                    45000,
                    [("Nước chấm", [("Tương đậu phộng", None), ("Nước mắm", None)])],
                    ["Đậu phộng", "Hải sản có vỏ"],
                ),
                ("Chả giò", 50000, [("Phần", [("4 cái", None), ("8 cái", 40000)])], []),
                ("Bánh xèo tôm", 60000, [], ["Hải sản có vỏ"]),
                (
                    "Bánh mì thịt",
                    35000,
                    [DO_CAY, ("Thêm", [("Pa tê", 5000), ("Thêm ớt", None)])],
                    ["Gluten"],
                ),
            ],
        ),
        (
            "Ăn thêm",
            [
                ("Quẩy", 10000, [], ["Gluten", "Chay"]),
                ("Rau thơm thêm", 5000, [], ["Thuần chay"]),
            ],
        ),
        (
            "Đồ uống & Khác",
            [
                (
                    "Cà phê sữa đá",
                    30000,
                    [("Độ ngọt", [("Bình thường", None), ("Ít ngọt", None)])],
                    ["Sữa"],
                ),
                ("Trà đá", 5000, [], ["Thuần chay"]),
                ("Bia Hà Nội", 25000, [], ["Có cồn"]),
            ],
        ),
        (
            "Tráng miệng",
            [
                ("Chè ba màu", 35000, [], ["Chay"]),
                ("Sữa chua nếp cẩm", 30000, [], ["Sữa", "Chay"]),
            ],
        ),
    ],
    "bella-napoli": [
        (
            "Pizza",
            [
                (
                    "Pizza Margherita (dairy, gluten)",
                    11.0,
                    [PIZZA_SIZE, CRUST, PIZZA_TOPPINGS],
                    ["Dairy", "Gluten", "Vegetarian"],
                ),
                (
                    "Pizza Diavola",
                    13.5,
                    [PIZZA_SIZE, CRUST, PIZZA_TOPPINGS, SPICE],
                    ["Dairy", "Gluten", "Spicy"],
                ),
                (
                    "Pizza Quattro Formaggi (dairy)",
                    14.0,
                    [PIZZA_SIZE, CRUST],
                    ["Dairy", "Gluten", "Vegetarian"],
                ),
                ("Pizza Marinara (vegan)", 9.5, [PIZZA_SIZE, CRUST], ["Gluten", "Vegan"]),
                (
                    "Calzone (dairy, egg)",
                    13.0,
                    [("Filling", [("Ham", None), ("Spinach & ricotta", None)])],
                    ["Dairy", "Egg", "Gluten"],
                ),
            ],
        ),
        (
            "Pasta & Mains",
            [
                (
                    "Spaghetti Carbonara (egg, dairy)",
                    12.5,
                    [("Pasta", [("Spaghetti", None), ("Gluten-free", 2.0)])],
                    ["Egg", "Dairy", "Gluten"],
                ),
                ("Penne all'Arrabbiata", 11.0, [SPICE], ["Gluten", "Vegan", "Spicy"]),
                ("Spaghetti allo scoglio (shellfish)", 16.5, [], ["Shellfish", "Gluten"]),
                ("Lasagne al forno (dairy, gluten)", 13.5, [], ["Dairy", "Gluten"]),
                ("Risotto ai funghi (dairy)", 14.5, [], ["Dairy", "Vegetarian"]),
            ],
        ),
        (
            "Starters",
            [
                (
                    "Insalata Caprese (dairy)",
                    8.5,
                    [("Dressing", [("Balsamic", None), ("Pesto (pine nuts)", 0.5)])],
                    ["Dairy", "Tree nuts", "Vegetarian"],
                ),
                ("Bruschetta al pomodoro", 6.5, [], ["Gluten", "Vegan"]),
            ],
        ),
        (
            "Desserts",
            [
                ("Tiramisù (egg, dairy, alcohol)", 6.5, [], ["Egg", "Dairy", "Contains alcohol"]),
                (
                    "Panna cotta (dairy)",
                    6.0,
                    [("Sauce", [("Berry", None), ("Caramel", None)])],
                    ["Dairy", "Vegetarian"],
                ),
            ],
        ),
        (
            "Drinks",
            [
                ("San Pellegrino 50 cl", 3.0, [], ["Vegan"]),
                ("Espresso", 2.5, [("Shot", [("Single", None), ("Double", 1.0)])], ["Vegan"]),
            ],
        ),
    ],
    "sushi-ko": [
        (
            "Nigiri & Sashimi",
            [
                ("Salmon nigiri ×2 (fish)", 5.5, [SUSHI_EXTRAS], ["Fish"]),
                ("Tuna nigiri ×2 (fish)", 6.5, [SUSHI_EXTRAS], ["Fish"]),
                ("Ebi nigiri ×2 (shellfish)", 5.5, [SUSHI_EXTRAS], ["Shellfish"]),
                (
                    "Sashimi moriawase (fish)",
                    18.0,
                    [("Portion", [("9 pieces", None), ("15 pieces", 9.0)])],
                    ["Fish"],
                ),
            ],
        ),
        (
            "Rolls",
            [
                (
                    "California roll (crab, egg, sesame)",
                    8.5,
                    [RICE, SUSHI_EXTRAS],
                    ["Shellfish", "Egg", "Sesame"],
                ),
                (
                    "Spicy tuna roll (fish, sesame)",
                    9.5,
                    [RICE, SPICE, SUSHI_EXTRAS],
                    ["Fish", "Sesame", "Spicy"],
                ),
                ("Avocado maki (vegan)", 6.0, [RICE], ["Vegan"]),
                (
                    "Dragon roll (eel, shellfish)",
                    13.5,
                    [RICE, SUSHI_EXTRAS],
                    ["Fish", "Shellfish"],
                ),
            ],
        ),
        (
            "Hot kitchen",
            [
                (
                    "Chicken katsu don (egg, gluten)",
                    12.0,
                    [("Sauce", [("Tonkatsu", None), ("Curry", 1.0)])],
                    ["Egg", "Gluten"],
                ),
                (
                    "Gyoza ×6 (pork, gluten)",
                    6.5,
                    [("Cooking", [("Pan-fried", None), ("Steamed", None)])],
                    ["Gluten"],
                ),
                ("Miso soup (soy)", 3.0, [], ["Soy", "Vegetarian"]),
            ],
        ),
        (
            "Sides",
            [
                (
                    "Edamame (soy)",
                    4.0,
                    [("Seasoning", [("Sea salt", None), ("Chili garlic", 0.5)])],
                    ["Soy", "Vegan"],
                ),
                ("Seaweed salad (sesame)", 4.5, [], ["Sesame", "Vegan"]),
            ],
        ),
        (
            "Desserts & Drinks",
            [
                ("Matcha ice cream (dairy)", 4.5, [], ["Dairy", "Vegetarian"]),
                ("Green tea", 2.0, [], ["Vegan"]),
            ],
        ),
    ],
}

NOTES = [
    "no peanuts — allergy",
    "ring the bell twice",
    "extra napkins please",
    "gluten allergy, please be careful",
    "leave at the door",
    "no onions",
    "sauce on the side",
    "birthday — add a candle if you can",
    "shellfish allergy!",
    "call when outside, buzzer broken",
    "less salt please",
    "cutlery for 3",
]

NOTES_VI = [
    "dị ứng đậu phộng, không cho lạc",
    "bấm chuông hai lần",
    "thêm khăn giấy",
    "dị ứng tôm — không hải sản",
    "để trước cửa",
    "không hành",
    "nước mắm để riêng",
    "sinh nhật — thêm nến nếu được",
    "khong tom, di ung",  # typed on a phone without a Vietnamese keyboard
    "gọi khi tới, chuông hỏng",
    "ít muối",
    "ít cay, không rau mùi",
]
"""Notes a Hanoi kitchen's customers write (a VND restaurant's orders, contract §4.1a): the
allergy ones with and without diacritics, as customers type them."""
