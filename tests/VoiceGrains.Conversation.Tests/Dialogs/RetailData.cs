using System.Globalization;
using System.Text.Json;

namespace VoiceGrains.Conversation.Tests.Dialogs;

/// <summary>
/// The tau-bench retail records in ../shared/testdata/dialogs (users.json, orders.json, tasks.json), read as
/// the benchmark wrote them, with the mapping into this product's schema: order "#W2378156" is order number
/// 2378156, a product variant is a product named "Name, option, option", an address reads "street, city, ST zip".
/// </summary>
public sealed class RetailData
{
    RetailData(JsonElement users, JsonElement orders, JsonElement tasks, JsonElement products)
    {
        Users = users;
        Orders = orders;
        Tasks = tasks;
        Products = products;
    }

    public JsonElement Users { get; }

    public JsonElement Orders { get; }

    public JsonElement Tasks { get; }

    /// <summary>The whole catalogue: each product with its variants (item id, options, availability, price).</summary>
    public JsonElement Products { get; }

    public static RetailData Load()
    {
        static JsonElement Read(string file) => JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("dialogs", file))).RootElement;
        return new RetailData(Read("users.json"), Read("orders.json"), Read("tasks.json"), Read("products.json"));
    }

    public static long OrderNumber(string orderId) => long.Parse(orderId.TrimStart('#', 'W'), CultureInfo.InvariantCulture);

    /// <summary>The catalogue's variant with this item id (its "options" and "price").</summary>
    public JsonElement Variant(string itemId) =>
        Products.EnumerateObject().Select(p => p.Value.GetProperty("variants")).First(v => v.TryGetProperty(itemId, out _)).GetProperty(itemId);

    /// <summary>How a payment method of a user is described to callers: "Mastercard ending in 2478", "PayPal account", "gift card".</summary>
    public static string PaymentDescription(JsonElement method) => method.GetProperty("source").GetString() switch
    {
        "credit_card" => $"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(method.GetProperty("brand").GetString()!)} ending in {method.GetProperty("last_four").GetString()}",
        "paypal" => "PayPal account",
        _ => "gift card",
    };

    public static string ProductName(JsonElement item) => ProductName(item, item.GetProperty("name").GetString()!);

    /// <summary>"Mechanical Keyboard, linear, RGB, full size": the product's name, then its options' values.</summary>
    public static string ProductName(JsonElement variant, string productName) =>
        string.Join(", ", new[] { productName }.Concat(variant.GetProperty("options").EnumerateObject().Select(o => o.Value.ToString())));

    public static string Address(JsonElement address)
    {
        var second = address.GetProperty("address2").GetString();
        return $"{address.GetProperty("address1").GetString()}{(string.IsNullOrEmpty(second) ? "" : ", " + second)}, " +
               $"{address.GetProperty("city").GetString()}, {address.GetProperty("state").GetString()} {address.GetProperty("zip").GetString()}";
    }

    public static string FullName(JsonElement user) =>
        $"{user.GetProperty("name").GetProperty("first_name").GetString()} {user.GetProperty("name").GetProperty("last_name").GetString()}";

    /// <summary>The payment method an order was paid with: a refund there is "original payment", anywhere else a gift card.</summary>
    public string OriginalPayment(string orderId) =>
        Orders.GetProperty(orderId).GetProperty("payment_history")[0].GetProperty("payment_method_id").GetString()!;
}
