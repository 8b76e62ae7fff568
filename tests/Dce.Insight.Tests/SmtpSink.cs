using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Dce.Insight.Tests;

/// <summary>
/// An SMTP server on 127.0.0.1 that accepts every message and keeps it, as a mail relay would take it: the EHLO, MAIL,
/// RCPT, DATA and QUIT conversation of RFC 5321, without TLS or authentication.
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        string? from = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 sink");
                    break;
                case "MAIL":
                    from = Address(line);
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    to.Add(Address(line));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    Received.Enqueue(ReceivedMail.Parse(from ?? "", [.. to], data.ToString()));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    private static string Address(string line) => AngleAddress().Match(line) is { Success: true } match ? match.Groups[1].Value : "";

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex AngleAddress();
}

/// <summary>A message the sink took: its envelope, its decoded subject and its body (decoded from base64 when sent so).</summary>
public sealed partial record ReceivedMail(string From, IReadOnlyList<string> To, string Subject, string Body, string Raw)
{
    public static ReceivedMail Parse(string from, IReadOnlyList<string> to, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = Unfold().Replace(raw[..split], " ");
        var body = raw[(split + 4)..];
        var subject = Header(headers, "Subject");
        // Whitespace between two encoded words is not part of the text (RFC 2047, 6.2).
        var decodedSubject = EncodedWord().Replace(BetweenEncodedWords().Replace(subject, "?==?"), word => word.Groups[1].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(word.Groups[2].Value))
            : word.Groups[2].Value.Replace('_', ' '));
        var decodedBody = Header(headers, "Content-Transfer-Encoding").Equals("base64", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n"))))
            : body;
        return new ReceivedMail(from, to, decodedSubject, decodedBody, raw);
    }

    private static string Header(string headers, string name) =>
        headers.Split("\r\n").Select(line => line.Split(':', 2)).FirstOrDefault(pair => pair.Length == 2 && pair[0].Equals(name, StringComparison.OrdinalIgnoreCase))?[1].Trim() ?? "";

    [GeneratedRegex(@"\r\n[ \t]+")]
    private static partial Regex Unfold();

    [GeneratedRegex(@"=\?utf-8\?([BQ])\?([^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenEncodedWords();
}
