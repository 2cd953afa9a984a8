using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Data.Messaging;
using VoiceGrains.Grains.Tests.Campaigns;

namespace VoiceGrains.Grains.Tests.Messaging;

/// <summary>
/// Queued texts on a real silo, sent through the local stand-in of Twilio's Messaging API: a text goes once; none goes
/// to a number that texted STOP to us, nor to one Twilio says texted STOP to it (which is then recorded); a refused
/// one is failed with Twilio's reason.
/// </summary>
public sealed class TextMessageDeliveryTests(CampaignSilo silo) : IClassFixture<CampaignSilo>
{
    TextMessageRepository Texts => silo.Services.GetRequiredService<TextMessageRepository>();

    [Fact]
    public async Task QueuedTextsAreSentOnceAndNeverToANumberThatOptedOut()
    {
        var sent = await CustomerAsync("+15550100041");
        var optedOut = await CustomerAsync("+15550100042");
        var optedOutAtTwilio = await CustomerAsync("+15550100043");
        await Texts.OptOutAsync("+15550100042", CancellationToken.None);
        silo.Twilio.Unsubscribe("+15550100043");

        foreach (var customer in new[] { sent, optedOut, optedOutAtTwilio })
        {
            Assert.True(await Texts.QueueForCustomerAsync(customer, $"Hello {customer}", TextMessageReason.AppointmentBooked, null, CancellationToken.None));
        }

        var statuses = await StatusesAsync(3);
        Assert.Equal(["sent", "suppressed", "suppressed"], statuses);
        Assert.Single(silo.Twilio.Messages, m => m["Body"] == $"Hello {sent}");
        Assert.DoesNotContain(silo.Twilio.Messages, m => m["To"] is "+15550100042" or "+15550100043");
        Assert.True(await Texts.IsOptedOutAsync("+15550100043", CancellationToken.None));
        Assert.StartsWith("SM", await silo.Database.ScalarAsync<string>($"SELECT message_sid FROM text_messages WHERE phone = '+15550100041'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATextTwilioRefusesIsFailedWithItsReason()
    {
        silo.Twilio.FailNextWith = 400;
        var customer = await CustomerAsync("+15550100044");

        await Texts.QueueForCustomerAsync(customer, "Refused", TextMessageReason.AppointmentCancelled, null, CancellationToken.None);

        string? error = null;
        for (var i = 0; i < 100 && error is null; i++)
        {
            await Task.Delay(100);
            error = await silo.Database.ScalarAsync<string?>("SELECT error FROM text_messages WHERE phone = '+15550100044' AND status = 'failed'");
        }
        Assert.Contains("Twilio refused the text (400", error, StringComparison.Ordinal);
    }

    async Task<long> CustomerAsync(string phone) =>
        await silo.Database.ScalarAsync<long>($"INSERT INTO customers (phone) VALUES ('{phone}') ON CONFLICT (phone) DO UPDATE SET phone = EXCLUDED.phone RETURNING id");

    async Task<List<string>> StatusesAsync(int count)
    {
        const string Query = "SELECT coalesce(string_agg(status, ',' ORDER BY phone), '') FROM text_messages WHERE phone IN ('+15550100041', '+15550100042', '+15550100043')";
        var statuses = "";
        for (var i = 0; i < 100; i++)
        {
            statuses = await silo.Database.ScalarAsync<string>(Query);
            if (statuses.Split(',').Count(s => s is "sent" or "suppressed" or "failed") == count)
            {
                break;
            }
            await Task.Delay(100);
        }
        return statuses.Split(',').ToList();
    }
}
