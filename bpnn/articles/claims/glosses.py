"""English glosses of the claims quoted in Chinese.

The book's English edition quotes an article's Chinese words as the evidence and prints this
gloss beside them, so that an English reader can tell what was claimed.  A gloss is short and
faithful: it translates what the quote says, mistakes included (a "gradient ascent" stays an
ascent), and adds nothing.  Keyed by the quote exactly as the claim registers it; the registry
gives every claim its gloss (:attr:`bpnn.articles.claims.registry.Claim.gloss`), and
``tests/test_i18n.py`` fails when a claim quoted in Chinese has none.
"""
from __future__ import annotations

__all__ = ["GLOSSES"]

GLOSSES: dict[str, str] = {
    # article titles, announcements and section headings
    "反向传播神经网络（Backpropagation Neural Network）的历史和发展，以及如何从零开始大模型开发与微调":
        "the history and development of the backpropagation neural network, and how to develop and "
        "fine-tune large models from scratch",
    "我们将探讨反向传播神经网络的前身历史，以及如何从零开始开发和微调大型模型":
        "we will explore the early history of backpropagation networks, and how to develop and "
        "fine-tune large models from scratch",
    "本文将深入探讨大模型开发与微调的关键技术":
        "this article will explore in depth the key techniques of developing and fine-tuning large models",
    "本文深入探讨了大模型开发与微调的关键技术":
        "this article has explored in depth the key techniques of developing and fine-tuning large models",
    "以及反向传播神经网络的前世今生": "and the past and present of backpropagation neural networks",
    "## 4. 数学模型和公式详细讲解举例说明":
        "(heading) 4. Mathematical model and formulas: detailed explanation with examples",
    "## 4.数学模型和公式详细讲解举例说明":
        "(heading) 4. Mathematical model and formulas: detailed explanation with examples",
    "## 5. 项目实践：代码实例和详细解释说明":
        "(heading) 5. Project practice: code examples with detailed explanations",
    "## 4.项目实践：代码实例和详细解释说明":
        "(heading) 4. Project practice: code examples with detailed explanations",
    "## 9. 附录：常见问题与解答": "(heading) 9. Appendix: frequently asked questions and answers",
    "举个例子，假设我们有一个简单的神经网络，其中只有一个隐藏层":
        "for example, suppose we have a simple neural network with only one hidden layer",
    # history, facts and references
    "与其他神经网络不同，BP网络具有良好的理论基础和数学可解释性":
        "unlike other neural networks, BP networks have a sound theoretical basis and mathematical interpretability",
    "通过在梯度方向上进行更新来最小化损失函数":
        "the loss function is minimised by updating in the direction of the gradient",
    "Keras是一个高级神经网络API，基于TensorFlow和Theano等深度学习框架":
        "Keras is a high-level neural-network API built on deep-learning frameworks such as TensorFlow and Theano",
    "Keras：一个高级神经网络API，基于TensorFlow或Theano。":
        "Keras: a high-level neural-network API built on TensorFlow or Theano.",
    "《深度学习》、《神经网络与深度学习》": "the books \"Deep Learning\" and \"Neural Networks and Deep Learning\"",
    "《深度学习》（Goodfellow、Bengio和Courville著）":
        "the book \"Deep Learning\" (by Goodfellow, Bengio and Courville)",
    "《神经网络与深度学习》（邱锡鹏著）": "the book \"Neural Networks and Deep Learning\" (by Qiu Xipeng)",
    "BP网络的优化算法主要包括梯度下降、随机梯度下降、momentum等":
        "the optimisation algorithms of BP networks are mainly gradient descent, stochastic gradient descent, momentum and so on",
    "它与其他神经网络训练方法，如梯度下降、模拟退火等，有着密切的关系":
        "it is closely related to other neural-network training methods such as gradient descent and simulated annealing",
    "OpenAI的GPT系列模型就是通过反向传播训练的": "OpenAI's GPT series of models is trained by backpropagation",
    "并在1986年由Rumelhart、Hinton和Williams等人进行了改进":
        "and was improved in 1986 by Rumelhart, Hinton, Williams and others",
    "反向传播神经网络最早由Paul Werbos在1974年提出":
        "the backpropagation neural network was first proposed by Paul Werbos in 1974",
    "可以快速、准确地计算网络权重的梯度": "it computes the gradients of the network's weights quickly and accurately",
    "可以快速、准确地计算网络权重和偏置的梯度":
        "it computes the gradients of the network's weights and biases quickly and accurately",
    "适用于多种类型的非线性问题": "it suits many kinds of nonlinear problems",
    "可以通过增加隐层和神经元数量，提升模型的复杂度和性能":
        "adding hidden layers and neurons raises the model's complexity and performance",
    "反向传播神经网络可能陷入局部最优": "a backpropagation network can get stuck in a local optimum",
    "反向传播神经网络是一种最常用的神经网络学习算法":
        "the backpropagation neural network is one of the most widely used neural-network learning algorithms",
    "因为反向传播神经网络是一种无监督学习算法":
        "because the backpropagation neural network is an unsupervised learning algorithm",
    "反向传播神经网络是一种基于梯度下降法的监督学习方法":
        "the backpropagation neural network is a supervised learning method based on gradient descent",
    "谷歌的TensorFlow提供了Transfer Learning教程，介绍了如何使用预训练模型进行微调":
        "Google's TensorFlow offers a Transfer Learning tutorial that shows how to fine-tune a pre-trained model",
    # the worked example of article 002
    "为了计算网络权重和偏置的梯度": "in order to compute the gradients of the network's weights and biases",
    "输入层有一个神经元，隐层有两个神经元，输出层有一个神经元":
        "the input layer has one neuron, the hidden layer two, the output layer one",
    "激活函数使用Sigmoid函数": "the activation function is the sigmoid",
    "计算隐层权重和偏置的梯度": "compute the gradients of the hidden layer's weights and biases",
    "更新权重和偏置": "update the weights and biases",
    # the listings
    "安装Anaconda": "install Anaconda",
    "输入层有2个神经元，隐层有3个神经元，输出层有1个神经元":
        "the input layer has 2 neurons, the hidden layer 3, the output layer 1",
    "我们在隐层和输出层分别使用了ReLU和Sigmoid激活函数":
        "we use ReLU in the hidden layer and sigmoid in the output layer as activation functions",
    "我们使用BCELoss作为损失函数，使用SGD作为优化器": "we use BCELoss as the loss function and SGD as the optimiser",
    "我们通过随机生成的输入和标签进行训练": "we train on randomly generated inputs and labels",
    "我们打印了网络的权重，可以看到经过多次迭代，权重逐渐发生了变化":
        "we printed the network's weights: after many iterations they have gradually changed",
    # fine-tuning
    "对部分参数进行微小调整": "making small adjustments to some of the parameters",
    "将梯度上升的误差反馈给前一层的节点": "the error of the gradient ascent is fed back to the nodes of the previous layer",
    "例如1e-4或1e-5": "for example 1e-4 or 1e-5",
    "通常只微调神经网络的部分参数，如全连接层的参数":
        "usually only part of the network's parameters is fine-tuned, such as those of the fully connected layers",
    "# 微调模型": "(code comment) fine-tune the model",
    "最后，我们使用微调学习率对模型进行微调": "finally, we fine-tune the model with the fine-tuning learning rate",
    "通过调整预训练模型的部分参数，我们可以使模型在特定类别上的准确性更高":
        "by adjusting part of the pre-trained model's parameters we can make the model more accurate on specific classes",
    "在预训练模型的基础上，针对特定任务进行调整和优化":
        "adjusting and optimising a pre-trained model for a specific task",
    "BP网络可能会面临新的竞争对手，如神经符号推理、生成式模型等":
        "BP networks may face new competitors, such as neuro-symbolic reasoning and generative models",
}
