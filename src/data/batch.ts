// The shape every calibration source produces and every proxy consumes.

export interface CalibrationBatch {
  /** n * height * width * 3 values, NHWC, already normalised. */
  images: Float32Array;
  /** n class indices. */
  labels: Int32Array;
  n: number;
  height: number;
  width: number;
}
