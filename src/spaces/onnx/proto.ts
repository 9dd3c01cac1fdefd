// Decodes an ONNX ModelProto with protobufjs. The schema below is the subset of onnx.proto (ONNX IR, field
// numbers as published in onnx/onnx.proto3) that describes a graph: nodes, attributes, initializers' dims and
// small constant data, value infos and opset imports. Other fields (docs, metadata, training info, sparse
// initializers' values) are skipped by the decoder. Pure data: nothing in the file is executed.
import protobuf from 'protobufjs/light.js';

const f = (id: number, type: string, rule?: 'repeated') => ({ id, type, ...(rule ? { rule } : {}) });

const SCHEMA = {
  nested: {
    onnx: {
      nested: {
        ModelProto: { fields: { irVersion: f(1, 'int64'), producerName: f(2, 'string'), producerVersion: f(3, 'string'),
          graph: f(7, 'GraphProto'), opsetImport: f(8, 'OperatorSetIdProto', 'repeated') } },
        OperatorSetIdProto: { fields: { domain: f(1, 'string'), version: f(2, 'int64') } },
        GraphProto: { fields: { node: f(1, 'NodeProto', 'repeated'), name: f(2, 'string'),
          initializer: f(5, 'TensorProto', 'repeated'), input: f(11, 'ValueInfoProto', 'repeated'),
          output: f(12, 'ValueInfoProto', 'repeated'), valueInfo: f(13, 'ValueInfoProto', 'repeated') } },
        NodeProto: { fields: { input: f(1, 'string', 'repeated'), output: f(2, 'string', 'repeated'), name: f(3, 'string'),
          opType: f(4, 'string'), attribute: f(5, 'AttributeProto', 'repeated'), domain: f(7, 'string') } },
        AttributeProto: { fields: { name: f(1, 'string'), f: f(2, 'float'), i: f(3, 'int64'), s: f(4, 'bytes'),
          t: f(5, 'TensorProto'), g: f(6, 'GraphProto'), floats: f(7, 'float', 'repeated'), ints: f(8, 'int64', 'repeated'),
          strings: f(9, 'bytes', 'repeated'), type: f(20, 'int32') } },
        TensorProto: { fields: { dims: f(1, 'int64', 'repeated'), dataType: f(2, 'int32'), floatData: f(4, 'float', 'repeated'),
          int32Data: f(5, 'int32', 'repeated'), int64Data: f(7, 'int64', 'repeated'), name: f(8, 'string'),
          rawData: f(9, 'bytes'), doubleData: f(10, 'double', 'repeated'), externalData: f(13, 'StringStringEntryProto', 'repeated'),
          dataLocation: f(14, 'int32') } },
        StringStringEntryProto: { fields: { key: f(1, 'string'), value: f(2, 'string') } },
        ValueInfoProto: { fields: { name: f(1, 'string'), type: f(2, 'TypeProto') } },
        TypeProto: { fields: { tensorType: f(1, 'TypeProtoTensor') } },
        TypeProtoTensor: { fields: { elemType: f(1, 'int32'), shape: f(2, 'TensorShapeProto') } },
        TensorShapeProto: { fields: { dim: f(1, 'Dimension', 'repeated') } },
        Dimension: { fields: { dimValue: f(1, 'int64'), dimParam: f(2, 'string') } },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(SCHEMA);
export const ModelProto = root.lookupType('onnx.ModelProto');

/** Plain objects as protobufjs returns them with longs as numbers and bytes as Uint8Array. */
export interface RawTensor {
  dims?: number[]; dataType?: number; floatData?: number[]; int32Data?: number[]; int64Data?: number[];
  name?: string; rawData?: Uint8Array; doubleData?: number[]; externalData?: Array<{ key: string; value: string }>;
  dataLocation?: number;
}
export interface RawAttribute {
  name: string; f?: number; i?: number; s?: Uint8Array; t?: RawTensor; g?: unknown; floats?: number[]; ints?: number[];
  strings?: Uint8Array[]; type?: number;
}
export interface RawNode { input?: string[]; output?: string[]; name?: string; opType?: string; attribute?: RawAttribute[]; domain?: string }
export interface RawDim { dimValue?: number; dimParam?: string }
export interface RawValueInfo { name?: string; type?: { tensorType?: { elemType?: number; shape?: { dim?: RawDim[] } } } }
export interface RawGraph {
  node?: RawNode[]; name?: string; initializer?: RawTensor[]; input?: RawValueInfo[]; output?: RawValueInfo[]; valueInfo?: RawValueInfo[];
}
export interface RawModel {
  irVersion?: number; producerName?: string; producerVersion?: string; graph?: RawGraph;
  opsetImport?: Array<{ domain?: string; version?: number }>;
}

/** Decodes the bytes of a .onnx file; throws protobufjs's error on a malformed file. */
export function decodeModel(bytes: Uint8Array): RawModel {
  const msg = ModelProto.decode(bytes);
  return ModelProto.toObject(msg, { longs: Number, bytes: Uint8Array as never, defaults: false, arrays: true }) as RawModel;
}

/** Encodes a plain model object (tests build small graphs with it). */
export function encodeModel(model: RawModel): Uint8Array {
  const err = ModelProto.verify(model as never);
  if (err) throw new Error(`invalid ONNX model object: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model as never)).finish();
}
