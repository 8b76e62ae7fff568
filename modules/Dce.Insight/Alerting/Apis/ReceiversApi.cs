using System.Net.Mail;
using System.Text;
using Dce.Insight.Alerting.Model;
using Dce.Insight.Apis;
using Dce.Insight.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Alerting.Apis;

/// <summary>
/// DCE's receivers (notification channels): webhooks, and email recipients when an SMTP server is configured; managed by
/// platform administrators since their addresses may carry secrets.
/// </summary>
internal static class ReceiversApi
{
    /// <summary>DCE's <c>Receiver</c>: name, type and the webhook's address or the email recipients.</summary>
    public sealed record ReceiverRequest(string? Name, string? Type, string? Description, WebhookConfig? Webhook, EmailConfig? Email);

    public sealed record WebhookConfig(string? Url);

    public sealed record EmailConfig(List<string>? To);

    public static IEndpointRouteBuilder MapAlertReceiversApi(this IEndpointRouteBuilder app)
    {
        var receivers = app.MapGroup(InsightPaths.Group + "/alert/receivers").WithTags("Alert");
        receivers.MapGet("/", ListAsync).WithName("Alert_ListReceivers").WithSummary("Lists the notification receivers");
        receivers.MapPost("/", CreateAsync).WithName("Alert_CreateReceiver").WithSummary("Creates a webhook or email receiver");
        receivers.MapPost("/test", TestAsync).WithName("Alert_TestReceiver").WithSummary("Sends a test notification to a receiver's webhook or recipients");
        receivers.MapGet("/{name}", GetAsync).WithName("Alert_GetReceiver").WithSummary("Gets a receiver");
        receivers.MapPut("/{name}", UpdateAsync).WithName("Alert_UpdateReceiver").WithSummary("Changes a receiver");
        receivers.MapDelete("/{name}", DeleteAsync).WithName("Alert_DeleteReceiver").WithSummary("Deletes a receiver");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, InsightDbContext db) =>
        await AdminProblemAsync(http) ?? TypedResults.Ok(new { items = (await db.Set<AlertReceiver>().AsNoTracking().OrderBy(r => r.Name).ToListAsync(http.RequestAborted)).Select(View).ToList() });

    private static async Task<IResult> GetAsync(HttpContext http, InsightDbContext db, string name) =>
        await AdminProblemAsync(http) ?? (await db.Set<AlertReceiver>().FindAsync([name], http.RequestAborted) is { } receiver
            ? TypedResults.Ok(new { data = View(receiver) })
            : AlertProblems.NotFound("receiver"));

    private static async Task<IResult> CreateAsync(HttpContext http, InsightDbContext db, TimeProvider clock, IOptions<AlertingOptions> options, ReceiverRequest request)
    {
        if ((await AdminProblemAsync(http) ?? Check(request, options.Value)) is { } problem)
        {
            return problem;
        }

        if (await db.Set<AlertReceiver>().AnyAsync(r => r.Name == request.Name, http.RequestAborted))
        {
            return AlertProblems.Conflict($"A receiver named '{request.Name}' exists.");
        }

        var now = clock.GetUtcNow();
        var receiver = new AlertReceiver { Name = request.Name!, Type = TypeOf(request), Url = Address(request), Description = request.Description ?? "", CreatedAt = now, UpdatedAt = now };
        db.Add(receiver);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new { data = View(receiver) });
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, InsightDbContext db, TimeProvider clock, IOptions<AlertingOptions> options, string name, ReceiverRequest request)
    {
        if ((await AdminProblemAsync(http) ?? Check(request with { Name = name }, options.Value)) is { } problem)
        {
            return problem;
        }

        if (await db.Set<AlertReceiver>().FindAsync([name], http.RequestAborted) is not { } receiver)
        {
            return AlertProblems.NotFound("receiver");
        }

        receiver.Type = TypeOf(request);
        receiver.Url = Address(request);
        receiver.Description = request.Description ?? receiver.Description;
        receiver.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new { data = View(receiver) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, InsightDbContext db, string name)
    {
        if (await AdminProblemAsync(http) is { } problem)
        {
            return problem;
        }

        var receiver = await db.Set<AlertReceiver>().AsNoTracking().FirstOrDefaultAsync(r => r.Name == name, http.RequestAborted);
        return receiver is null || await db.Set<AlertReceiver>().Where(r => r.Name == name).ExecuteDeleteAsync(http.RequestAborted) == 0
            ? AlertProblems.NotFound("receiver")
            : TypedResults.Ok(new { data = View(receiver) });
    }

    private static async Task<IResult> TestAsync(HttpContext http, IHttpClientFactory clients, IOptions<AlertingOptions> options, AlertMailer mailer, ReceiverRequest request)
    {
        if ((await AdminProblemAsync(http) ?? Check(request with { Name = request.Name ?? "test" }, options.Value)) is { } problem)
        {
            return problem;
        }

        if (TypeOf(request) == ReceiverTypes.Email)
        {
            try
            {
                await mailer.SendAsync(request.Email!.To!, new EmailText("[TEST] Insight notification", "This is a test notification from Insight."), http.RequestAborted);
                return TypedResults.Ok(new { success = true, message = "the SMTP server accepted the message" });
            }
            catch (SmtpException e)
            {
                return TypedResults.Ok(new { success = false, message = e.Message });
            }
        }

        try
        {
            using var response = await clients.CreateClient(DeliveryLoop.HttpClientName).PostAsync(request.Webhook!.Url,
                new StringContent("""{"status":"test","alert":{}}""", Encoding.UTF8, "application/json"), http.RequestAborted);
            return TypedResults.Ok(new { success = response.IsSuccessStatusCode, message = $"the receiver answered {(int)response.StatusCode}" });
        }
        catch (HttpRequestException e)
        {
            return TypedResults.Ok(new { success = false, message = e.Message });
        }
    }

    private static IResult? Check(ReceiverRequest request, AlertingOptions options)
    {
        if (!RuleValidator.IsName(request.Name))
        {
            return Problems.BadRequest("name", $"'{request.Name}' is not a valid name: use at most 63 lower-case letters, digits and '-'.");
        }

        switch (TypeOf(request))
        {
            case ReceiverTypes.Webhook:
                break;
            case ReceiverTypes.Email when !options.SmtpConfigured:
                return Problems.BadRequest("type", "Email receivers need an SMTP server, and none is configured (Insight:Alerting:SmtpHost; see alert/smtp). Use 'webhook'.");
            case ReceiverTypes.Email:
                return CheckEmail(request.Email);
            case var type:
                return Problems.BadRequest("type", $"Receivers of type '{type}' are not delivered; use 'webhook' or 'email'.");
        }

        return Uri.TryCreate(request.Webhook?.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? null
            : Problems.BadRequest("webhook.url", "Give the webhook's absolute http or https address in 'webhook.url'.");
    }

    private static IResult? CheckEmail(EmailConfig? email)
    {
        if (email?.To is not { Count: > 0 and <= EmailRecipients.Limit } to)
        {
            return Problems.BadRequest("email.to", $"Give between 1 and {EmailRecipients.Limit} recipient addresses in 'email.to'.");
        }

        return EmailRecipients.FirstInvalid(to) is { } invalid
            ? Problems.BadRequest("email.to", $"'{invalid}' is not an email address: give each recipient as a plain address such as ops@example.com.")
            : null;
    }

    private static string TypeOf(ReceiverRequest request) => request.Type is { Length: > 0 } type ? type : ReceiverTypes.Webhook;

    private static string Address(ReceiverRequest request) =>
        TypeOf(request) == ReceiverTypes.Email ? EmailRecipients.ToUrl(request.Email!.To!) : request.Webhook!.Url!;

    private static async Task<IResult?> AdminProblemAsync(HttpContext http) =>
        await AlertAccess.WriteScopeAsync(http) switch
        {
            null => Problems.ScopeUnavailable(http),
            { All: true } => null,
            _ => AlertProblems.Forbidden("Receivers are managed by platform administrators (Insight's write rights on the whole platform)."),
        };

    private static object View(AlertReceiver receiver) => new
    {
        name = receiver.Name,
        type = receiver.Type,
        description = receiver.Description,
        webhook = EmailRecipients.IsEmail(receiver.Url) ? null : new { url = receiver.Url },
        email = EmailRecipients.IsEmail(receiver.Url) ? new { to = EmailRecipients.FromUrl(receiver.Url) } : null,
        createAt = receiver.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        updateAt = receiver.UpdatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
