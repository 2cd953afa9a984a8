namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// The names of the agent's plugins and functions. Semantic Kernel shows a function to the model as
/// "plugin_function"; the offline engine calls them by the same names, so both engines go through one path.
/// </summary>
public static class AgentFunctions
{
    public const string Customer = "customer";
    public const string Orders = "orders";
    public const string Appointments = "appointments";
    public const string Hours = "hours";
    public const string Knowledge = "knowledge";
    public const string Products = "products";
    public const string CallControl = "call";
    public const string Survey = "survey";

    public const string IdentifyByPhone = "identify_caller_by_phone";
    public const string IdentifyByNameAndZip = "identify_caller";
    public const string IdentifyByEmail = "identify_caller_by_email";
    public const string SendVerificationCode = "send_verification_code";
    public const string VerifyCode = "verify_code";
    public const string UpdateEmail = "update_email";
    public const string UpdateAddress = "update_address";
    public const string AddNote = "add_note";
    public const string RequestCallback = "request_callback";
    public const string ListPaymentMethods = "list_payment_methods";

    public const string ListOrders = "list_recent_orders";
    public const string GetOrder = "get_order";
    public const string CancelOrder = "cancel_order";
    public const string StartReturn = "start_return";
    public const string ChangeShippingAddress = "change_shipping_address";
    public const string ExchangeOptions = "list_exchange_options";
    public const string ExchangeItems = "exchange_items";
    public const string ChangeItems = "change_items";
    public const string ChangePaymentMethod = "change_payment_method";
    public const string ItemsTotal = "total_for_items";
    public const string SwapsTotal = "total_for_exchanges";

    public const string FindCheapest = "find_cheapest";

    public const string ListServices = "list_services";
    public const string FindSlots = "find_free_slots";
    public const string Book = "book_appointment";
    public const string ListAppointments = "list_my_appointments";
    public const string Reschedule = "reschedule_appointment";
    public const string CancelAppointment = "cancel_appointment";
    public const string ConfirmAppointment = "confirm_appointment";

    public const string IsOpenNow = "is_open_now";
    public const string HoursOn = "get_hours";
    public const string Holidays = "list_holidays";

    public const string AnswerQuestion = "answer_question";

    public const string StartSurvey = "start";
    public const string RecordAnswer = "record_answer";
    public const string DeclineSurvey = "decline";

    public const string Transfer = "transfer_to_human";
    public const string EndCall = "end_call";
    public const string DoNotCall = "do_not_call_again";
    public const string RecordSatisfaction = "record_satisfaction";

    /// <summary>The name a model sees for a plugin's function.</summary>
    public static string ToolName(string plugin, string function) => $"{plugin}_{function}";
}
