"""Demo menus for the three seeded restaurants (contract B2): items, prices, customization groups.

Each item is `(name, price, groups)`; each group is `(group name, [(choice, price adjustment)])`.
Allergens appear in item names or choices, as a kitchen would want to see them.
"""

from __future__ import annotations

Group = tuple[str, list[tuple[str, float | None]]]
Item = tuple[str, float, list[Group]]

SIZE: Group = ("Size", [("Regular", None), ("Large", 2.0)])
SPICE: Group = (
    "Spice level",
    [("Mild", None), ("Medium", None), ("Hot", None), ("Extra hot", 0.5)],
)
PHO_EXTRAS: Group = (
    "Extras",
    [("Extra noodles", 1.5), ("Extra beef", 3.0), ("Bean sprouts", None), ("Fried egg", 1.0)],
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

MENUS: dict[str, list[Item]] = {
    "pho-hanoi": [
        ("Phở bò tái (rare beef noodle soup)", 11.5, [SIZE, PHO_EXTRAS, SPICE]),
        ("Phở gà (chicken noodle soup)", 10.5, [SIZE, PHO_EXTRAS]),
        ("Bún chả Hà Nội", 12.0, [SPICE]),
        (
            "Bánh mì thịt (contains gluten)",
            7.0,
            [SPICE, ("Extras", [("Pâté", 0.5), ("Extra chili", None)])],
        ),
        (
            "Gỏi cuốn (peanut sauce)",
            6.5,
            [("Sauce", [("Peanut sauce (peanuts)", None), ("Fish sauce dip", None)])],
        ),
        (
            "Chả giò (fried spring rolls)",
            6.0,
            [("Portion", [("4 pieces", None), ("8 pieces", 5.0)])],
        ),
        ("Bún bò Huế", 12.5, [SIZE, SPICE]),
        ("Cơm tấm sườn", 11.0, [("Extras", [("Fried egg", 1.0), ("Shredded pork skin", 1.0)])]),
        ("Mì xào hải sản (shellfish)", 13.0, [SPICE]),
        ("Bánh xèo (shrimp, shellfish)", 9.5, []),
        ("Cà phê sữa đá (dairy)", 4.0, [("Sweetness", [("Regular", None), ("Less sweet", None)])]),
        ("Trà đá", 1.5, []),
        ("Chè ba màu (coconut)", 5.0, []),
    ],
    "bella-napoli": [
        ("Pizza Margherita (dairy, gluten)", 11.0, [PIZZA_SIZE, CRUST, PIZZA_TOPPINGS]),
        ("Pizza Diavola", 13.5, [PIZZA_SIZE, CRUST, PIZZA_TOPPINGS, SPICE]),
        ("Pizza Quattro Formaggi (dairy)", 14.0, [PIZZA_SIZE, CRUST]),
        ("Pizza Marinara (vegan)", 9.5, [PIZZA_SIZE, CRUST]),
        ("Calzone (dairy, egg)", 13.0, [("Filling", [("Ham", None), ("Spinach & ricotta", None)])]),
        (
            "Spaghetti Carbonara (egg, dairy)",
            12.5,
            [("Pasta", [("Spaghetti", None), ("Gluten-free", 2.0)])],
        ),
        ("Penne all'Arrabbiata", 11.0, [SPICE]),
        ("Lasagne al forno (dairy, gluten)", 13.5, []),
        ("Risotto ai funghi (dairy)", 14.5, []),
        (
            "Insalata Caprese (dairy)",
            8.5,
            [("Dressing", [("Balsamic", None), ("Pesto (pine nuts)", 0.5)])],
        ),
        ("Bruschetta al pomodoro", 6.5, []),
        ("Tiramisù (egg, dairy, alcohol)", 6.5, []),
        ("Panna cotta (dairy)", 6.0, [("Sauce", [("Berry", None), ("Caramel", None)])]),
        ("San Pellegrino 50 cl", 3.0, []),
        ("Espresso", 2.5, [("Shot", [("Single", None), ("Double", 1.0)])]),
    ],
    "sushi-ko": [
        ("Salmon nigiri ×2 (fish)", 5.5, [SUSHI_EXTRAS]),
        ("Tuna nigiri ×2 (fish)", 6.5, [SUSHI_EXTRAS]),
        ("Ebi nigiri ×2 (shellfish)", 5.5, [SUSHI_EXTRAS]),
        ("California roll (crab, egg, sesame)", 8.5, [RICE, SUSHI_EXTRAS]),
        ("Spicy tuna roll (fish, sesame)", 9.5, [RICE, SPICE, SUSHI_EXTRAS]),
        ("Avocado maki (vegan)", 6.0, [RICE]),
        ("Dragon roll (eel, shellfish)", 13.5, [RICE, SUSHI_EXTRAS]),
        ("Sashimi moriawase (fish)", 18.0, [("Portion", [("9 pieces", None), ("15 pieces", 9.0)])]),
        (
            "Chicken katsu don (egg, gluten)",
            12.0,
            [("Sauce", [("Tonkatsu", None), ("Curry", 1.0)])],
        ),
        ("Miso soup (soy)", 3.0, []),
        ("Edamame (soy)", 4.0, [("Seasoning", [("Sea salt", None), ("Chili garlic", 0.5)])]),
        ("Gyoza ×6 (pork, gluten)", 6.5, [("Cooking", [("Pan-fried", None), ("Steamed", None)])]),
        ("Seaweed salad (sesame)", 4.5, []),
        ("Matcha ice cream (dairy)", 4.5, []),
        ("Green tea", 2.0, []),
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
