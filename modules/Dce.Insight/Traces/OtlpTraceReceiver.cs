using System.IO.Compression;
using Dce.Insight.Traces.Otlp;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Traces;

/// <summary>
/// OTLP/HTTP's trace endpoint, <c>POST /v1/traces</c>: a protobuf <c>ExportTraceServiceRequest</c>, plain or gzip,
/// from a sender that presents an ingest key; the spans are stored and an <c>ExportTraceServiceResponse</c> answers.
/// </summary>
internal static partial class OtlpTraceReceiver
{
    public const string Path = "/v1/traces";
    private const string Protobuf = "application/x-protobuf";

    public static IEndpointRouteBuilder MapOtlpTraceReceiver(this IEndpointRouteBuilder app)
    {
        // The ingest key, not a user's token, authenticates senders: workloads have no platform identity. OTLP's own
        // protocol at the module's root, not a REST operation of the API group, so not in the OpenAPI document.
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().WithName("Otlp_ExportTraces").WithTags("Tracing").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IngestKeys keys, SpanWriter writer, IOptions<TracesOptions> options,
        TimeProvider time, ILogger<SpanWriter> logger)
    {
        if (!keys.Accepts(http.Request.Headers.Authorization))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("Send the ingest key as 'Authorization: Bearer <key>' (OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer <key>).",
                statusCode: StatusCodes.Status401Unauthorized, title: "Ingest key missing or wrong");
        }

        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem($"Send the export as '{Protobuf}' (OTLP/HTTP with the protobuf encoding).",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
        }

        var limit = options.Value.MaxRequestBytes;
        var body = await ReadBodyAsync(http.Request, limit, http.RequestAborted);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        ExportTraceServiceRequest request;
        try
        {
            request = ExportTraceServiceRequest.Parser.ParseFrom(body.Bytes);
        }
        catch (InvalidProtocolBufferException error)
        {
            return TypedResults.Problem($"The body is not an OTLP ExportTraceServiceRequest: {error.Message}",
                statusCode: StatusCodes.Status400BadRequest, title: "Undecodable export");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var mapped = SpanMapper.Map(request, now - options.Value.Retention, now.AddDays(1));
        await writer.WriteAsync(mapped.Spans, http.RequestAborted);
        if (mapped.Rejected > 0)
        {
            LogRejected(logger, mapped.Rejected, mapped.Reason!);
        }

        var response = new ExportTraceServiceResponse();
        if (mapped.Rejected > 0)
        {
            response.PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = mapped.Rejected, ErrorMessage = mapped.Reason };
        }

        return TypedResults.Bytes(response.ToByteArray(), Protobuf);
    }

    private sealed record Body(byte[] Bytes, IResult? Problem);

    /// <summary>The body, gunzipped when so encoded; the limit applies to what is sent and to what it expands to.</summary>
    private static async Task<Body> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var tooLarge = new Body([], TypedResults.Problem(
            $"The export is larger than {limit} bytes (Insight:Traces:MaxRequestBytes). Send smaller batches (the exporter's max export batch size).",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Export too large"));
        if (request.ContentLength > limit)
        {
            return tooLarge;
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return new Body([], TypedResults.Problem($"Content-Encoding '{encoding}' is not supported; send gzip or no encoding.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content encoding"));
        }

        var raw = await ReadLimitedAsync(request.Body, limit, cancellationToken);
        if (raw is null)
        {
            return tooLarge;
        }

        if (!gzip)
        {
            return new Body(raw, null);
        }

        try
        {
            await using var unzipped = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            return await ReadLimitedAsync(unzipped, limit, cancellationToken) is { } expanded ? new Body(expanded, null) : tooLarge;
        }
        catch (InvalidDataException error)
        {
            return new Body([], TypedResults.Problem($"The body is not valid gzip: {error.Message}",
                statusCode: StatusCodes.Status400BadRequest, title: "Undecodable export"));
        }
    }

    /// <summary>Up to <paramref name="limit"/> bytes of <paramref name="stream"/>; null when it holds more.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} spans of an export refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, long count, string reason);
}
