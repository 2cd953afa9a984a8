using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Tests;

public sealed class UnderstandingTests
{
    static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData("one oh four eight two", "10482")]
    [InlineData("ten thousand four hundred eighty two", "10482")]
    [InlineData("ten four eighty two", "10482")]
    [InlineData("1 0 4 8 2", "10482")]
    [InlineData("nine eight one oh one.", "98101.")]
    [InlineData("one hundred and five", "105")]
    [InlineData("oh, okay", "oh, okay")]
    [InlineData("I have 2 questions", "I have 2 questions")]
    public void SpokenNumbersBecomeDigits(string said, string expected) => Assert.Equal(expected, SpokenNumbers.Normalize(said));

    [Theory]
    [InlineData("Where is my order 10482?", Intent.OrderStatus)]
    [InlineData("When will my package arrive?", Intent.Tracking)]
    [InlineData("I need to cancel my appointment", Intent.CancelAppointment)]
    [InlineData("Please cancel order 10001", Intent.CancelOrder)]
    [InlineData("I'd like to return the lamp", Intent.ReturnOrder)]
    [InlineData("Can you ship it to my office instead?", Intent.ChangeOrderAddress)]
    [InlineData("I'd like to book an appointment", Intent.Book)]
    [InlineData("Can I move my appointment to Friday?", Intent.Reschedule)]
    [InlineData("Are you open right now?", Intent.OpenNow)]
    [InlineData("What are your hours on Sunday?", Intent.HoursOn)]
    [InlineData("Are you closed on Christmas?", Intent.Holidays)]
    [InlineData("I need to update my email", Intent.UpdateEmail)]
    [InlineData("I've moved, please change my address", Intent.UpdateAddress)]
    [InlineData("Can someone call me back tomorrow at 3?", Intent.Callback)]
    [InlineData("Let me talk to a real person", Intent.Human)]
    [InlineData("Could you repeat that?", Intent.Repeat)]
    [InlineData("Yes please", Intent.Yes)]
    [InlineData("No thanks", Intent.No)]
    [InlineData("That's all, bye", Intent.Goodbye)]
    [InlineData("Blue cheese and walnuts", Intent.Unknown)]
    public void TheStrongestIntentComesFirst(string said, Intent intent) => Assert.Equal(intent, UtteranceParser.Parse(said, Today).Primary);

    [Fact]
    public void SlotsAreReadFromTheLine()
    {
        var identity = UtteranceParser.Parse("My name is maria garcia and my zip code is one oh oh oh one", Today);
        var email = UtteranceParser.Parse("it's john dot smith at example dot com", Today);
        var returning = UtteranceParser.Parse("Return everything from order W2378156 to a gift card, I ordered it by mistake", Today);
        var rating = UtteranceParser.Parse("I'd rate it 4 out of 5", Today);
        var address = UtteranceParser.Parse("Please ship it to 101 Highway, New York, NY 10001.", Today);

        Assert.Equal(("Maria Garcia", "10001"), (identity.FullName, identity.Zip));
        Assert.Null(identity.OrderNumber);
        Assert.Equal("john.smith@example.com", email.Email);
        Assert.Equal(2378156, returning.OrderNumber);
        Assert.True(returning.Everything);
        Assert.Equal(RefundDestination.GiftCard, returning.RefundTo);
        Assert.Equal("ordered by mistake", returning.CancelReason);
        Assert.Equal(4, rating.Rating);
        Assert.Equal("101 Highway, New York, NY 10001", address.Address);
    }

    [Fact]
    public void SentimentFollowsTheWordsAndTheirNegation()
    {
        Assert.True(UtteranceParser.Parse("This is terrible, my order arrived broken and I'm really upset", Today).Sentiment < -0.5);
        Assert.True(UtteranceParser.Parse("Great, thank you so much, that was really helpful", Today).Sentiment > 0.5);
        Assert.True(UtteranceParser.Parse("I'm not happy with this", Today).Sentiment < 0);
        Assert.Equal(0, UtteranceParser.Parse("Order 10001 please", Today).Sentiment);
    }

    [Fact]
    public void ATurnIsLabelledWithIntentEntitiesAndSentiment()
    {
        var understood = UtteranceParser.Understand("Can I book a rug cleaning tomorrow at 3 pm?", Today);

        Assert.Equal("book", understood.Intent);
        Assert.Equal("2026-11-27", understood.Entities["date"]);
        Assert.Equal("15:00", understood.Entities["time"]);
    }

    [Theory]
    [InlineData("my card number is 4111 1111 1111 1111 and the security code is 123", "my card number is [card number] and the security code is [security code]")]
    [InlineData("it's four one one one one one one one one one one one one one one one", "it's [card number]")]
    [InlineData("card 5500-0000-0000-0004 please", "card [card number] please")]
    [InlineData("my social is 123-45-6789", "my social is [social security number]")]
    [InlineData("order 10482 and tracking 1Z999AA10079205838", "order 10482 and tracking 1Z999AA10079205838")]
    [InlineData("my phone is 4155550100 thanks", "my phone is 4155550100 thanks")]
    public void CardNumbersAndOtherSecretsAreRedactedButOrderNumbersAreNot(string said, string stored) =>
        Assert.Equal(stored, SensitiveText.Redact(said));
}
