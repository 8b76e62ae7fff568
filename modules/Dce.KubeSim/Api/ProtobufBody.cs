using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>
/// Decodes the protobuf request bodies kubectl's typed clients send (<c>kubectl create</c>, <c>kubectl run</c>) into
/// JSON, for the kinds <see cref="ProtobufSchema"/> describes; other kinds are answered 415 so the caller sends JSON.
/// </summary>
public static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    // Go encodes every non-pointer field, set or not; only these optional pointers carry a meaningful zero.
    private static readonly HashSet<string> PointerInts = new(StringComparer.Ordinal)
    {
        "replicas", "parallelism", "completions", "backoffLimit", "terminationGracePeriodSeconds", "gracePeriodSeconds",
    };

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the Kubernetes magic number");
        }
        var reader = new ProtobufReader(body.AsSpan(Magic.Length));
        string? apiVersion = null;
        string? kind = null;
        var raw = Array.Empty<byte>();
        while (reader.TryReadField(out var number, out var wire))
        {
            if (number == 1 && wire == 2)
            {
                var typeMeta = Message(reader.ReadBytes(), new Dictionary<int, ProtoField> { [1] = new("apiVersion", ProtoKind.String), [2] = new("kind", ProtoKind.String) });
                apiVersion = typeMeta.Str("apiVersion");
                kind = typeMeta.Str("kind");
            }
            else if (number == 2 && wire == 2)
            {
                raw = reader.ReadBytes().ToArray();
            }
            else
            {
                reader.Skip(wire);
            }
        }
        if (kind is null || !ProtobufSchema.RootKinds.Contains(kind))
        {
            throw new ApiException(415, "UnsupportedMediaType", $"protobuf bodies are accepted for {string.Join(", ", ProtobufSchema.RootKinds)}; send {kind} as application/json");
        }
        var obj = Message(raw, ProtobufSchema.Messages[kind]);
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        return obj;
    }

    private static JsonObject Message(ReadOnlySpan<byte> bytes, IReadOnlyDictionary<int, ProtoField> fields)
    {
        var reader = new ProtobufReader(bytes);
        var obj = new JsonObject();
        while (reader.TryReadField(out var fieldNumber, out var wire))
        {
            if (!fields.TryGetValue(fieldNumber, out var field))
            {
                reader.Skip(wire);
                continue;
            }
            switch (field.Kind)
            {
                case ProtoKind.String:
                    var text = reader.ReadString();
                    if (text.Length > 0)
                    {
                        obj[field.Json] = text;
                    }
                    break;
                case ProtoKind.Int:
                    var number = (long)reader.ReadVarint();
                    if (number != 0 || PointerInts.Contains(field.Json))
                    {
                        obj[field.Json] = number;
                    }
                    break;
                case ProtoKind.Bool:
                    if (reader.ReadVarint() != 0)
                    {
                        obj[field.Json] = true;
                    }
                    break;
                case ProtoKind.Message:
                    obj[field.Json] = Message(reader.ReadBytes(), ProtobufSchema.Messages[field.Message!]);
                    break;
                case ProtoKind.MessageList:
                    List(obj, field.Json).Add(Message(reader.ReadBytes(), ProtobufSchema.Messages[field.Message!]));
                    break;
                case ProtoKind.StringList:
                    List(obj, field.Json).Add(reader.ReadString());
                    break;
                case ProtoKind.IntOrString:
                    var value = Message(reader.ReadBytes(), new Dictionary<int, ProtoField>
                    {
                        [1] = new("type", ProtoKind.Int), [2] = new("intVal", ProtoKind.Int), [3] = new("strVal", ProtoKind.String),
                    });
                    obj[field.Json] = value.Long("type") == 1 ? JsonValue.Create(value.Str("strVal")) : JsonValue.Create(value.Long("intVal") ?? 0);
                    break;
                default:
                    Entry(obj.Obj(field.Json), reader.ReadBytes(), field.Kind);
                    break;
            }
        }
        return obj;
    }

    private static JsonArray List(JsonObject obj, string name) => obj[name] as JsonArray ?? (JsonArray)(obj[name] = new JsonArray());

    private static void Entry(JsonObject map, ReadOnlySpan<byte> entry, ProtoKind kind)
    {
        var reader = new ProtobufReader(entry);
        var key = "";
        JsonNode? value = "";
        while (reader.TryReadField(out var number, out var wire))
        {
            if (number == 1 && wire == 2)
            {
                key = reader.ReadString();
            }
            else if (number == 2 && wire == 2)
            {
                value = kind switch
                {
                    ProtoKind.BytesMap => Convert.ToBase64String(reader.ReadBytes()),
                    ProtoKind.QuantityMap => Message(reader.ReadBytes(), new Dictionary<int, ProtoField> { [1] = new("string", ProtoKind.String) }).Str("string"),
                    _ => reader.ReadString(),
                };
            }
            else
            {
                reader.Skip(wire);
            }
        }
        map[key] = value;
    }
}
