using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;
using Npgsql;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Customers;
using VoiceGrains.Data.Messaging;
using VoiceGrains.Data.Payments;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// Identifying the caller and keeping their contact details, notes and callbacks. One factor (caller ID, email, or name
/// and ZIP code) binds the call to a customer and lets them hear their records; a second, different one (another of
/// those, or a code texted to the phone on file) lets them change things.
/// </summary>
public sealed class CustomerPlugin(
    CallerSession session, CustomerRepository customers, PaymentMethodRepository paymentMethods, TextMessageRepository texts, BusinessCalendar calendar, TimeProvider time)
{
    [KernelFunction(AgentFunctions.IdentifyByPhone)]
    [Description("Identifies the caller by the phone number they are calling from. Try this first, before asking for their name.")]
    public async Task<object> IdentifyByPhoneAsync(CancellationToken cancellationToken)
    {
        if (session.CustomerId is not null && session.Factors.HasFlag(IdentityFactors.Phone))
        {
            return new CallerIdentified(session.CustomerFirstName, AlreadyVerified, session.MayChange);
        }
        var id = PhoneNumber.IsE164(session.CallingNumber) ? await customers.FindByPhoneAsync(session.CallingNumber, cancellationToken) : null;
        if (session.CustomerId is { } bound && id != bound)
        {
            // Verified otherwise, calling from a phone that is not theirs (a family phone, a desk line): verified as
            // before, with no factor added and no refusal.
            return new CallerIdentified(session.CustomerFirstName, AlreadyVerified, session.MayChange);
        }
        return await BindAsync(id, "phone", IdentityFactors.Phone, countFailure: false, cancellationToken);
    }

    [KernelFunction(AgentFunctions.IdentifyByNameAndZip)]
    [Description("Identifies the caller by their full name and the ZIP code of their address. Required before any order or account is discussed.")]
    public async Task<object> IdentifyByNameAndZipAsync(
        [Description("The caller's first and last name, as they said it")] string fullName,
        [Description("The five-digit ZIP code of the caller's address")] string zip,
        CancellationToken cancellationToken)
    {
        if (session.IdentificationLocked)
        {
            return TooManyAttempts;
        }
        return await BindAsync(await customers.FindByNameAndZipAsync(fullName, zip, cancellationToken), "name and ZIP code", IdentityFactors.NameAndZip, countFailure: true, cancellationToken);
    }

    [KernelFunction(AgentFunctions.IdentifyByEmail)]
    [Description("Identifies the caller by the email address on their account.")]
    public async Task<object> IdentifyByEmailAsync([Description("The caller's email address")] string email, CancellationToken cancellationToken)
    {
        if (session.IdentificationLocked)
        {
            return TooManyAttempts;
        }
        return await BindAsync(await customers.FindByEmailAsync(email, cancellationToken), "email", IdentityFactors.Email, countFailure: true, cancellationToken);
    }

    [KernelFunction(AgentFunctions.SendVerificationCode)]
    [Description("Texts a one-time code to the phone number on file of the customer this call is verified as: a second factor, needed before changes when the caller has given only one.")]
    public async Task<object> SendVerificationCodeAsync(CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        if (await customers.GetProfileAsync(customerId, cancellationToken) is not { } profile || await texts.IsOptedOutAsync(profile.Phone, cancellationToken))
        {
            return new Refusal("I can't text a code to the number on your account, as texts to it are turned off.", "Ask for another identification factor instead.");
        }
        var code = TextedCode.Issue(time.GetUtcNow());
        await texts.QueueForCustomerAsync(
            customerId, $"{calendar.Name}: your verification code is {code.Digits}. It expires in {TextedCode.Lifetime.TotalMinutes:0} minutes. Never share it with anyone who calls you.",
            TextMessageReason.VerificationCode, null, cancellationToken);
        session.TextedCode = code;
        return new VerificationCodeSent(profile.Phone[^Math.Min(4, profile.Phone.Length)..]);
    }

    [KernelFunction(AgentFunctions.VerifyCode)]
    [Description("Checks the code the caller read from the text sent by customer_send_verification_code.")]
    public Task<object> VerifyCodeAsync([Description("The digits the caller said")] string code, CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Task.FromResult<object>(Refusal.NotIdentified);
        }
        var check = session.TextedCode?.Check(code, time.GetUtcNow()) ?? TextedCodeCheck.Spent;
        if (check == TextedCodeCheck.Matches)
        {
            session.TryIdentify(customerId, null, IdentityFactors.TextedCode);
            session.TextedCode = null;
            return Task.FromResult<object>(new CallerIdentified(session.CustomerFirstName, "texted code", session.MayChange));
        }
        return Task.FromResult<object>(check == TextedCodeCheck.Wrong ? WrongCode : CodeSpent);
    }

    [KernelFunction(AgentFunctions.UpdateEmail)]
    [Description("Changes the identified caller's email address.")]
    public async Task<object> UpdateEmailAsync([Description("The new email address")] string email, CancellationToken cancellationToken)
    {
        if (Refusal.ForChange(session, out var customerId) is { } refused)
        {
            return refused;
        }
        try
        {
            await customers.UpdateEmailAsync(customerId, email, cancellationToken);
            return new ContactUpdated("email", email.Trim());
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            return new Refusal($"{email} doesn't look like a valid email address.", "Ask the caller to spell it again.");
        }
    }

    [KernelFunction(AgentFunctions.UpdateAddress)]
    [Description("Changes the identified caller's default postal address (not the address of an order).")]
    public async Task<object> UpdateAddressAsync(
        [Description("The full new address: street, city, state and ZIP code")] string address,
        CancellationToken cancellationToken)
    {
        if (Refusal.ForChange(session, out var customerId) is { } refused)
        {
            return refused;
        }
        var zip = PostalAddress.Zip(address);
        await customers.UpdateAddressAsync(customerId, address, zip, cancellationToken);
        return new ContactUpdated("address", address.Trim());
    }

    [KernelFunction(AgentFunctions.ListPaymentMethods)]
    [Description("Lists the identified caller's payment methods on file (id, kind, description, a gift card's balance), to choose one that pays or receives a price difference.")]
    public async Task<object> ListPaymentMethodsAsync(CancellationToken cancellationToken) =>
        Refusal.ForChange(session, out var customerId) ?? (object)new PaymentMethodsListed(await paymentMethods.ListAsync(customerId, cancellationToken));

    [KernelFunction(AgentFunctions.AddNote)]
    [Description("Adds a note to the identified caller's customer record, for the staff to read later.")]
    public async Task<object> AddNoteAsync([Description("The note, in one or two sentences")] string note, CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        return new NoteAdded(await customers.AddNoteAsync(customerId, note, session.CallSid, cancellationToken));
    }

    [KernelFunction(AgentFunctions.RequestCallback)]
    [Description("Asks a person from the business to call the identified caller back at a given local date and time.")]
    public async Task<object> RequestCallbackAsync(
        [Description("Local date and time for the callback, as yyyy-MM-ddTHH:mm in the business's time zone")] string when,
        [Description("What the callback is about")] string reason,
        CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        if (!DateTime.TryParseExact(when, ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new Refusal("I didn't get the time for the callback.", "Pass the time as yyyy-MM-ddTHH:mm in the business's time zone.");
        }
        var due = calendar.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        if (due <= time.GetUtcNow())
        {
            return new Refusal("That time has already passed.", "Ask the caller for a time in the future.");
        }
        var followUp = await customers.AddFollowUpAsync(customerId, $"Call back: {reason}", due, session.CallSid, cancellationToken);
        return new CallbackScheduled(followUp.Id, SpokenTime.DayAndTime(calendar.LocalTime(due)), reason);
    }

    /// <summary>The method reported when the call was verified before (also by an earlier activation of it).</summary>
    public const string AlreadyVerified = "earlier in this call";

    public static Refusal WrongCode { get; } = new("That code doesn't match.", "Ask the caller to read the code again.");

    public static Refusal CodeSpent { get; } = new("That code has expired or had too many tries.", "Offer to text a new code.");

    static Refusal TooManyAttempts { get; } =
        new("I'm sorry, I couldn't verify your identity.", "Identification failed too many times on this call; offer to transfer the caller to a person.");

    static Refusal AnotherCustomersNumber { get; } = new(
        "I'm sorry, this phone number belongs to a different account, so I can't verify another customer on this call.",
        "The calling number is registered to another customer; do not try other details. Offer to transfer the caller to a person.");

    async Task<object> BindAsync(long? id, string method, IdentityFactors factor, bool countFailure, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            if (countFailure)
            {
                session.RecordIdentificationFailure();
            }
            return new CallerNotFound(method, Math.Max(0, CallerSession.MaxIdentificationFailures - session.IdentificationFailures));
        }
        // Someone with another customer's email, or their name and ZIP code, calling from a phone on file for a
        // different customer is refused rather than verified as them: the number is the stronger sign of who calls.
        if (countFailure && session.CustomerId is null && PhoneNumber.IsE164(session.CallingNumber)
            && await customers.FindByPhoneAsync(session.CallingNumber, cancellationToken) is { } owner && owner != id)
        {
            session.RecordIdentificationFailure();
            return AnotherCustomersNumber;
        }

        var profile = await customers.GetProfileAsync(id.Value, cancellationToken);
        if (!session.TryIdentify(id.Value, profile?.Name, factor))
        {
            return new Refusal("I can only help with the account of the person I've already verified on this call.", "The call is bound to another customer; never act for a second customer.");
        }
        return new CallerIdentified(session.CustomerFirstName, method, session.MayChange);
    }
}
