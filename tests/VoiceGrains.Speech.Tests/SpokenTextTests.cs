using VoiceGrains.Speech.Tts;

namespace VoiceGrains.Speech.Tests;

public sealed class SpokenTextTests
{
    [Theory]
    [InlineData("Your order 10482 has shipped.", "Your order one zero four eight two has shipped.")]
    [InlineData("That's $19.99 in total.", "That's nineteen dollars and ninety-nine cents in total.")]
    [InlineData("It costs $1 or $0.50 or $1,250.", "It costs one dollar or fifty cents or one thousand two hundred fifty dollars.")]
    [InlineData("Tracking number 1Z999 is with UPS.", "Tracking number 1Z999 is with UPS.")]
    [InlineData("Ticket #4471 is open.", "Ticket number four four seven one is open.")]
    [InlineData("See you at 3:30 PM.", "See you at three thirty p m.")]
    [InlineData("We open at 9:00 and close at 18:05.", "We open at nine o'clock and close at eighteen oh five.")]
    [InlineData("Your slot is December 3 at 10:00 a.m.", "Your slot is December third at ten a m.")]
    [InlineData("We have 42 lamps, 20% off.", "We have forty-two lamps, twenty percent off.")]
    [InlineData("Call 5550100 today.", "Call five five five zero one zero zero today.")]
    [InlineData("It weighs 2.5 kilos.", "It weighs two point five kilos.")]
    public void RepliesAreRewrittenTheWayAPersonSaysThem(string text, string spoken)
    {
        Assert.Equal(spoken, SpokenText.Normalize(text));
    }

    [Theory]
    [InlineData(0, "zero", "zeroth")]
    [InlineData(21, "twenty-one", "twenty-first")]
    [InlineData(112, "one hundred twelve", "one hundred twelfth")]
    [InlineData(30, "thirty", "thirtieth")]
    [InlineData(1_000_003, "one million three", "one million third")]
    public void NumbersHaveCardinalAndOrdinalWords(long number, string cardinal, string ordinal)
    {
        Assert.Equal(cardinal, NumberWords.Cardinal(number));
        Assert.Equal(ordinal, NumberWords.Ordinal(number));
    }
}
