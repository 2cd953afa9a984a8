using VoiceGrains.Grains.Calls.Turns;

namespace VoiceGrains.Grains.Tests.Turns;

public sealed class SpokenDurationTests
{
    [Fact]
    public void AnOrderReplyWithNumbersIsNotTakenAsHeardBeforeTheVoiceHasSaidIt()
    {
        // The demo's answer about order 10002, which espeak-ng (en+f3) spoke in 37.8 s; 0.4 s a word made it 30.4 s,
        // and the call counted the caller's silence while the answer was still playing.
        const string reply = "Hi Diego, I see you're calling from the number on your account. Order 10002 was placed on Friday, "
            + "November 27 and is shipped. It has 2 times the Memory foam pillow at $29.99 each, $59.98 in total, going to "
            + "102 Pine Rd, Springfield. Order 10002 shipped with UPS, tracking number 1Z999AA10079205838. The latest update "
            + "is: Arrived at sort facility in Indianapolis, IN. It's expected on Wednesday, December 2. Is there anything "
            + "else I can help with?";

        Assert.InRange(SpokenDuration.Of(reply).TotalSeconds, 37.8, 50);
    }

    [Fact]
    public void WordsWithoutDigitsTakeFourTenthsOfASecondEach() =>
        Assert.Equal(TimeSpan.FromSeconds(4.8), SpokenDuration.Of("Thanks for calling Northwind Home Goods. How can I help you today?"));
}
