// Type declarations for the parts of nlp.js (CommonJS, untyped) that the NLU uses: stemmers and the neural classifier.
declare module '@nlpjs/lang-nl' {
  export class StemmerNl {
    stemWord(word: string): string;
    /** Snowball internals, used to stem without the library's unbounded memo. */
    dictionary: { before: Record<string, string>; after: Record<string, string> };
    setCurrent(word: string): void;
    innerStem(): void;
    getCurrent(): string;
  }
}
declare module '@nlpjs/lang-en' {
  export class StemmerEn {
    stemWord(word: string): string;
    /** Snowball internals, used to stem without the library's unbounded memo. */
    dictionary: { before: Record<string, string>; after: Record<string, string> };
    setCurrent(word: string): void;
    innerStem(): void;
    getCurrent(): string;
  }
}
declare module '@nlpjs/neural' {
  export interface NeuralSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean;
  }
  export interface TrainingItem {
    input: Record<string, number>;
    output: Record<string, number>;
  }
  /** A message as the network trains on it: indexes of the features present and their values (by index). */
  export interface PreparedInput {
    keys: number[];
    data: { [index: number]: number };
  }
  export interface PreparedItem {
    input: PreparedInput;
    output: PreparedInput;
  }
  /** One class of the network: a weight and a momentum term per feature, and a bias. */
  export interface Perceptron {
    id: number;
    weights: Float32Array;
    changes: Float32Array;
    bias: number;
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    /** The learning rate of the current epoch (set by train()). */
    decayLearningRate: number;
    /** One epoch for one perceptron; returns its summed squared error. */
    trainPerceptron(perceptron: Perceptron, data: PreparedItem[]): number;
    settings: Required<NeuralSettings>;
    /** One perceptron's output for one prepared input. */
    runInputPerceptron(perceptron: { weights: Float32Array; bias: number }, input: PreparedInput): number;
    /** Numbers the features and classes of the corpus (the lookup) and returns it in prepared form. */
    prepareCorpus(corpus: TrainingItem[]): PreparedItem[];
    /** The names behind the numbers, as prepareCorpus() leaves them (toJSON() reads the items). */
    lookup?: { inputLookup: { items: string[] }; outputLookup: { items: string[] } };
    /** Makes one perceptron per class, weights zero (called by train() before the first epoch). */
    initialize(numInputs: number, outputNames: string[]): void;
    perceptrons: Perceptron[];
    numPerceptrons: number;
    train(corpus: TrainingItem[]): { error: number; iterations: number };
    run(input: Record<string, number>): Record<string, number> | undefined;
    toJSON(): { settings: NeuralSettings; features?: string[]; intents?: string[]; perceptrons?: number[][] };
  }
}
