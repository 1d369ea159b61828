"""OpenAPI component schemas of the public restaurant info and menu (contract §4.1a).

Apart from `openapi_schemas` (the order DTOs and error bodies) so neither file outgrows a read.
"""

from __future__ import annotations

from kds.server.openapi_schemas import GUID, MONEY, TIME, Schema, nullable, obj, ref

MENU_SCHEMAS: dict[str, Schema] = {
    "RestaurantInfo": obj(
        {
            "restaurantId": GUID,
            "name": {"type": "string"},
            "logoUrl": nullable({"type": "string"}),
            "backgroundImageUrl": nullable({"type": "string"}),
            "description": {"type": "string"},
            "cuisineType": {"type": "string"},
            "cuisineTags": {"type": "array", "items": {"type": "string"}},
            "isAcceptingOrders": {"type": "boolean"},
            "isVerified": {"type": "boolean"},
            "address": obj(
                {
                    "street": nullable({"type": "string"}),
                    "city": nullable({"type": "string"}),
                    "state": nullable({"type": "string"}),
                    "zipCode": nullable({"type": "string"}),
                    "country": nullable({"type": "string"}),
                }
            ),
            "contactInfo": obj(
                {
                    "phoneNumber": nullable({"type": "string"}),
                    "email": nullable({"type": "string"}),
                }
            ),
            "businessHours": {"type": "string"},
            "establishedDate": nullable(TIME),
            "avgRating": nullable({"type": "number"}),
            "ratingCount": nullable({"type": "integer"}),
            "distanceKm": nullable({"type": "number"}),
        }
    ),
    "Money": obj({"amount": MONEY, "currency": {"type": "string"}}),
    "MenuDocument": obj(
        {
            "version": {"type": "integer"},
            "restaurantId": GUID,
            "menuId": GUID,
            "menuName": {"type": "string"},
            "menuDescription": nullable({"type": "string"}),
            "menuEnabled": {"type": "boolean"},
            "lastRebuiltAt": TIME,
            "currency": {"type": "string"},
            "categories": obj(
                {
                    "order": {"type": "array", "items": GUID},
                    "byId": {"type": "object", "additionalProperties": ref("MenuCategory")},
                }
            ),
            "items": obj(
                {"byId": {"type": "object", "additionalProperties": ref("MenuDocumentItem")}}
            ),
            "customizationGroups": obj(
                {"byId": {"type": "object", "additionalProperties": ref("MenuGroup")}}
            ),
            "tagLegend": obj({"byId": {"type": "object", "additionalProperties": ref("MenuTag")}}),
        }
    ),
    "MenuCategory": obj(
        {
            "id": GUID,
            "name": {"type": "string"},
            "displayOrder": {"type": "integer"},
            "itemOrder": {"type": "array", "items": GUID},
        }
    ),
    "MenuDocumentItem": obj(
        {
            "id": GUID,
            "categoryId": GUID,
            "name": {"type": "string"},
            "description": nullable({"type": "string"}),
            "price": ref("Money"),
            "imageUrl": nullable({"type": "string"}),
            "isAvailable": {"type": "boolean"},
            "dietaryTagIds": {"type": "array", "items": GUID},
            "customizationGroups": {
                "type": "array",
                "items": obj(
                    {
                        "groupId": GUID,
                        "displayTitle": {"type": "string"},
                        "displayOrder": {"type": "integer"},
                    }
                ),
            },
        }
    ),
    "MenuGroup": obj(
        {
            "id": GUID,
            "name": {"type": "string"},
            "min": {"type": "integer"},
            "max": {"type": "integer"},
            "options": {
                "type": "array",
                "items": obj(
                    {
                        "id": GUID,
                        "name": {"type": "string"},
                        "priceDelta": ref("Money"),
                        "isDefault": {"type": "boolean"},
                        "displayOrder": {"type": "integer"},
                    }
                ),
            },
        }
    ),
    "MenuTag": obj(
        {
            "name": {"type": "string"},
            "category": {
                "type": "string",
                "enum": [
                    "Dietary",
                    "Cuisine",
                    "SpiceLevel",
                    "Allergen",
                    "Preparation",
                    "Temperature",
                    "CookingMethod",
                    "Course",
                    "Beverage",
                    "PortionSize",
                    "Popularity",
                ],
            },
        }
    ),
    "MenuItemAvailability": obj(
        {"restaurantId": GUID, "itemId": GUID, "isAvailable": {"type": "boolean"}}
    ),
}
